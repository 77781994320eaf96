package otpcore

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// realLink is one line of testdata/links/links.jsonl: an otpauth link
// published by a portal's code or docs or another app's tests, the exact
// place it came from, authdesk's reading of it (or why it is refused) and
// the codes an independent reference computed (gen_codes.py: oathtool).
type realLink struct {
	URI      string `json:"uri"`
	Source   string `json:"source"`
	Location string `json:"location"`
	Refused  *struct {
		Sentinel string `json:"sentinel"`
		Why      string `json:"why"`
	} `json:"refused"`
	Expect *struct {
		Type      string `json:"type"`
		Issuer    string `json:"issuer"`
		Account   string `json:"account"`
		Algorithm string `json:"algorithm"`
		Digits    int    `json:"digits"`
		Period    int    `json:"period"`
		Counter   uint64 `json:"counter"`
	} `json:"expect"`
	Codes       map[string]string `json:"codes"`
	Ref         string            `json:"ref"`
	SourceCodes map[string]string `json:"source_codes"`
}

func loadRealLinks(t testing.TB) []realLink {
	t.Helper()
	f, err := os.Open("testdata/links/links.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []realLink
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var l realLink
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var sentinelByName = map[string]error{
	"ErrScheme": ErrScheme, "ErrType": ErrType, "ErrLabel": ErrLabel, "ErrSecret": ErrSecret,
	"ErrAlgorithm": ErrAlgorithm, "ErrDigits": ErrDigits, "ErrPeriod": ErrPeriod,
	"ErrCounter": ErrCounter, "ErrParameter": ErrParameter,
}

// codeAt is the account's code at key k of a codes map: a Unix time for
// TOTP and Steam, a counter value for HOTP.
func codeAt(t *testing.T, acc Account, k string) string {
	t.Helper()
	n, err := strconv.ParseUint(k, 10, 64)
	if err != nil {
		t.Fatalf("bad key %q in codes", k)
	}
	if acc.Type == HOTP {
		acc.Counter = n
	}
	code, err := acc.Code(time.Unix(int64(n), 0))
	if err != nil {
		t.Fatalf("code at %s: %v", k, err)
	}
	return code
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Every real link parses as the table says (or is refused for the reason
// it gives, in one line without the key), gives the codes oathtool
// recorded and the codes its source asserts, agrees with pquerna/otp, and
// survives a round trip through ExportURI.
func TestRealLinks(t *testing.T) {
	links := loadRealLinks(t)
	sources := map[string]bool{}
	for _, l := range links {
		sources[l.Source] = true
	}
	if len(links) < 30 || len(sources) < 10 {
		t.Fatalf("%d links from %d sources; the corpus should hold 30 from 10", len(links), len(sources))
	}
	for _, l := range links {
		t.Run(l.Source+"/"+l.URI, func(t *testing.T) {
			acc, err := ParseURI(l.URI)
			if l.Refused != nil {
				want := sentinelByName[l.Refused.Sentinel]
				if want == nil {
					t.Fatalf("unknown sentinel %q", l.Refused.Sentinel)
				}
				if !errors.Is(err, want) {
					t.Fatalf("error %v, want %v (%s)", err, want, l.Refused.Why)
				}
				msg := err.Error()
				if strings.Contains(msg, "\n") {
					t.Errorf("message is not one line: %q", msg)
				}
				if sec := secretParam(l.URI); len(sec) >= 3 && strings.Contains(msg, sec) {
					t.Errorf("message quotes the secret: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			x := l.Expect
			if acc.Type.String() != x.Type || acc.Issuer != x.Issuer || acc.Name != x.Account {
				t.Errorf("read %s issuer %q account %q, want %s issuer %q account %q", acc.Type, acc.Issuer, acc.Name, x.Type, x.Issuer, x.Account)
			}
			if acc.Algorithm.String() != x.Algorithm || acc.Digits != x.Digits {
				t.Errorf("read %s %d digits, want %s %d", acc.Algorithm, acc.Digits, x.Algorithm, x.Digits)
			}
			if acc.Type == HOTP && acc.Counter != x.Counter {
				t.Errorf("counter %d, want %d", acc.Counter, x.Counter)
			}
			if acc.Type != HOTP && acc.Period != x.Period {
				t.Errorf("period %d, want %d", acc.Period, x.Period)
			}
			if len(l.Codes) == 0 {
				t.Fatal("no recorded codes: run gen_codes.py")
			}
			for _, k := range sortedKeys(l.Codes) {
				if got := codeAt(t, acc, k); got != l.Codes[k] {
					t.Errorf("code at %s: %s, %s says %s", k, got, l.Ref, l.Codes[k])
				}
			}
			for _, k := range sortedKeys(l.SourceCodes) {
				if got := codeAt(t, acc, k); got != l.SourceCodes[k] {
					t.Errorf("code at %s: %s, %s asserts %s", k, got, l.Source, l.SourceCodes[k])
				}
			}
			checkPquerna(t, acc, l.Codes)
			back, err := ParseURI(acc.ExportURI())
			if err != nil || !sameAccount(acc, back) {
				t.Fatalf("round trip gave issuer %q account %q (%v)", back.Issuer, back.Name, err)
			}
		})
	}
}

// checkPquerna recomputes TOTP and HOTP codes through pquerna/otp.
func checkPquerna(t *testing.T, acc Account, codes map[string]string) {
	t.Helper()
	if acc.Type == Steam {
		return
	}
	alg := map[Algorithm]otp.Algorithm{SHA1: otp.AlgorithmSHA1, SHA256: otp.AlgorithmSHA256, SHA512: otp.AlgorithmSHA512}[acc.Algorithm]
	for _, k := range sortedKeys(codes) {
		n, _ := strconv.ParseUint(k, 10, 64)
		counter := n
		if acc.Type != HOTP {
			counter = n / uint64(acc.Period)
		}
		ref, err := hotp.GenerateCodeCustom(acc.Secret.Base32(), counter, hotp.ValidateOpts{Digits: otp.Digits(acc.Digits), Algorithm: alg})
		if err != nil || ref != codes[k] {
			t.Errorf("pquerna/otp at %s: %s (%v), recorded %s", k, ref, err, codes[k])
		}
	}
}

// secretParam is the link's secret= value, read without ParseURI.
func secretParam(uri string) string {
	_, query, _ := strings.Cut(uri, "?")
	q, _ := url.ParseQuery(query)
	return q.Get("secret")
}

// The recorded codes cannot drift from the reference: where oathtool is
// installed (scripts/deps.sh test), every code oathtool made is made again
// and compared. The key goes to oathtool on stdin, never in its arguments.
func TestRealLinksOathtoolLive(t *testing.T) {
	if _, err := exec.LookPath("oathtool"); err != nil {
		t.Skip("oathtool is not installed (scripts/deps.sh test installs it)")
	}
	checked := 0
	for _, l := range loadRealLinks(t) {
		if l.Expect == nil || l.Ref != "oathtool" {
			continue
		}
		x := l.Expect
		for _, k := range sortedKeys(l.Codes) {
			var args []string
			switch {
			case x.Type == "hotp" && x.Algorithm == "SHA1":
				args = []string{"--hotp", "-c", k}
			case x.Type == "hotp":
				args = []string{"--totp=" + x.Algorithm, "-s", "1s", "-N", "@" + k}
			default:
				args = []string{"--totp=" + x.Algorithm, "-s", strconv.Itoa(x.Period) + "s", "-N", "@" + k}
			}
			args = append(append([]string{"-b"}, args...), "-d", strconv.Itoa(x.Digits), "-")
			cmd := exec.Command("oathtool", args...)
			cmd.Stdin = strings.NewReader(secretParam(l.URI))
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("oathtool for %s at %s: %v", l.URI, k, err)
			}
			if got := strings.TrimSpace(string(out)); got != l.Codes[k] {
				t.Errorf("%s at %s: oathtool says %s, recorded %s", l.URI, k, got, l.Codes[k])
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d codes checked", checked)
	}
	t.Logf("%d codes recomputed by oathtool", checked)
}
