package otpcore

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

type migAccount struct {
	Name      string `json:"name"`
	Issuer    string `json:"issuer"`
	SecretHex string `json:"secret_hex"`
	Algorithm string `json:"algorithm"`
	Digits    any    `json:"digits"`
	Type      string `json:"type"`
	Counter   uint64 `json:"counter"`
}

type migPayload struct {
	Version    int32        `json:"version"`
	BatchSize  int32        `json:"batch_size"`
	BatchIndex int32        `json:"batch_index"`
	BatchID    int32        `json:"batch_id"`
	Accounts   []migAccount `json:"accounts"`
}

// checkMigAccount compares a decoded account with the fixture's raw
// protobuf fields: Google's name "Issuer:account" is split as a label.
func checkMigAccount(t *testing.T, got Account, want migAccount) {
	t.Helper()
	issuer, name := migrationName(want.Name, want.Issuer)
	if got.Name != name || got.Issuer != issuer {
		t.Errorf("name %q issuer %q, want %q %q (from %q)", got.Name, got.Issuer, name, issuer, want.Name)
	}
	sec, _ := hex.DecodeString(want.SecretHex)
	if !got.Secret.Equal(sec) {
		t.Errorf("%s: secret bytes differ", want.Name)
	}
	wantAlg := strings.TrimSuffix(want.Algorithm, "UNSPECIFIED")
	if wantAlg == "" {
		wantAlg = "SHA1"
	}
	if got.Algorithm.String() != wantAlg {
		t.Errorf("algorithm %s, want %s", got.Algorithm, wantAlg)
	}
	wantDigits := 6
	if d, ok := want.Digits.(float64); ok {
		wantDigits = int(d)
	}
	if got.Digits != wantDigits || got.Type.String() != want.Type || got.Counter != want.Counter || (got.Type == TOTP && got.Period != 30) {
		t.Errorf("got %v, want %+v", got, want)
	}
}

func TestMigrationFixtureFiles(t *testing.T) {
	raw, err := os.ReadFile("testdata/migration_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Files map[string]struct {
			Payloads      []migPayload `json:"expected_payloads"`
			ExpectedError string       `json:"expected_error"`
		} `json:"files"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for file, want := range exp.Files {
		if !strings.HasSuffix(file, ".txt") {
			continue // the PNG files are the scan package's
		}
		t.Run(file, func(t *testing.T) {
			checked++
			f, err := os.Open("testdata/" + file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var batches []MigrationBatch
			var errs []error
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, MaxMigrationLength)
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				b, err := ParseMigration(line)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				batches = append(batches, b)
			}
			if want.ExpectedError != "" {
				if len(errs) == 0 || len(batches) != 0 {
					t.Fatalf("want an error (%s), got %d batches", want.ExpectedError, len(batches))
				}
				if !errors.Is(errs[0], ErrMigration) {
					t.Fatalf("error %v is not ErrMigration", errs[0])
				}
				return
			}
			if len(errs) != 0 {
				t.Fatalf("unexpected error: %v", errs[0])
			}
			if len(batches) != len(want.Payloads) {
				t.Fatalf("%d batches, want %d", len(batches), len(want.Payloads))
			}
			for i, b := range batches {
				w := want.Payloads[i]
				if b.Version != w.Version || b.BatchSize != w.BatchSize || b.BatchIndex != w.BatchIndex || b.BatchID != w.BatchID {
					t.Errorf("batch %d fields %d/%d/%d/%d, want %+v", i, b.Version, b.BatchSize, b.BatchIndex, b.BatchID, w)
				}
				if len(b.Accounts) != len(w.Accounts) {
					t.Fatalf("batch %d: %d accounts, want %d", i, len(b.Accounts), len(w.Accounts))
				}
				for j := range b.Accounts {
					checkMigAccount(t, b.Accounts[j], w.Accounts[j])
				}
			}
		})
	}
	if checked != 4 {
		t.Fatalf("checked %d text fixtures, want 4", checked)
	}
}

func TestMigrationURIs(t *testing.T) {
	f, err := os.Open("testdata/migration_uris.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		var line struct {
			URI      string `json:"uri"`
			Expected struct {
				Accounts []migAccount `json:"accounts"`
			} `json:"expected"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		n++
		b, err := ParseMigration(line.URI)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if len(b.Accounts) != len(line.Expected.Accounts) {
			t.Fatalf("line %d: %d accounts", n, len(b.Accounts))
		}
		for i := range b.Accounts {
			checkMigAccount(t, b.Accounts[i], line.Expected.Accounts[i])
		}
		if n == 1 { // dim13/otpauth evaluate_test.go: 528064 at 2009-11-10T23:00:00Z
			if c, _ := b.Accounts[0].Code(time.Date(2009, 11, 10, 23, 0, 0, 0, time.UTC)); c != "528064" {
				t.Errorf("code %s, want 528064", c)
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d URIs, want 2", n)
	}
}

func TestMigrationErrors(t *testing.T) {
	tests := []struct{ name, in, msg string }{
		{"wrong prefix", "QR-Code:otpauth-migration://offline?data=CjEK", "remove the 8 characters"},
		{"not migration", "otpauth://totp/a?secret=AA", "should start with otpauth-migration://"},
		{"no data", "otpauth-migration://offline?foo=1", "no data="},
		{"wrong host", "otpauth-migration://online?data=AA", "offline?data="},
		{"bad base64", "otpauth-migration://offline?data=%%%", "%-escape"},
		{"garbage", "otpauth-migration://offline?data=XXXX", "damaged or cut short"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseMigration(tc.in)
			if !errors.Is(err, ErrMigration) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want ErrMigration saying %q", err, tc.msg)
			}
		})
	}
}

func TestParsePayloadKinds(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
		n    int
		err  error
	}{
		{"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", KindOTPAuth, 1, nil},
		{"otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC", KindMigration, 1, nil},
		{"https://example.com/login", KindWebLink, 0, ErrNotOTP},
		{"NOT A otpauth-migration:// URL", KindText, 0, ErrNotOTP},
		{"otpauth://totp/a?secret=", KindOTPAuth, 0, ErrSecret},
	}
	for _, tc := range tests {
		accs, k, err := ParsePayload(tc.in)
		if k != tc.kind || len(accs) != tc.n || !errors.Is(err, tc.err) {
			t.Errorf("%q: kind %v, %d accounts, err %v", tc.in, k, len(accs), err)
		}
	}
	_, _, err := ParsePayload("https://example.com")
	if !strings.Contains(err.Error(), "web link, not an authenticator key") {
		t.Errorf("web link hint missing: %v", err)
	}
}

// Google keeps the whole otpauth label as the account's name; it is split
// as ParseURI splits a label.
func TestMigrationName(t *testing.T) {
	tests := []struct{ name, issuer, wantIssuer, wantName string }{
		{"Nextcloud:admin@localhost:8080", "Nextcloud", "Nextcloud", "admin@localhost:8080"},
		{"Nextcloud:admin@localhost:8080", "", "Nextcloud", "admin@localhost:8080"},
		{"Example: alice@google.com", "Example", "Example", "alice@google.com"},
		{"Other:bob", "Corp", "Corp", "Other:bob"},
		{"bob", "Corp", "Corp", "bob"},
		{"pi@raspberrypi", "", "", "pi@raspberrypi"},
	}
	for _, tc := range tests {
		issuer, name := migrationName(tc.name, tc.issuer)
		if issuer != tc.wantIssuer || name != tc.wantName {
			t.Errorf("%q (issuer %q): issuer %q name %q, want %q %q", tc.name, tc.issuer, issuer, name, tc.wantIssuer, tc.wantName)
		}
	}
}
