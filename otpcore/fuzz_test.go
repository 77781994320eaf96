package otpcore

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func seedFromTestdata(f *testing.F) {
	if fh, err := os.Open("testdata/otpauth_uris.jsonl"); err == nil {
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var u struct {
				URI string `json:"uri"`
			}
			if json.Unmarshal(sc.Bytes(), &u) == nil {
				f.Add(u.URI)
			}
		}
		fh.Close()
	}
	// Real links (testdata/links) and the label shapes they brought: colons
	// after the first, %3A in either case, blanks after the separator, an
	// empty prefix, an issuer= holding a colon.
	if fh, err := os.Open("testdata/links/links.jsonl"); err == nil {
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var u struct {
				URI string `json:"uri"`
			}
			if json.Unmarshal(sc.Bytes(), &u) == nil {
				f.Add(u.URI)
			}
		}
		fh.Close()
	}
	for _, s := range []string{
		"otpauth://totp/Nextcloud%3Aadmin%40localhost%3A8080?secret=JBSWY3DPEHPK3PXP&issuer=Nextcloud",
		"otpauth://totp/a%3ab:c%3Ad?secret=JBSWY3DPEHPK3PXP",
		"otpauth://totp/:x:y?secret=JBSWY3DPEHPK3PXP",
		"otpauth://totp/Corp:%20%20bob:1?secret=JBSWY3DPEHPK3PXP&issuer=",
		"otpauth://totp/A%3A%20B:bob:1?secret=JBSWY3DPEHPK3PXP&issuer=A%3A%20B",
		"otpauth://totp/VPN:alice@[2001:db8::1]:443?secret=JBSWY3DPEHPK3PXP&issuer=a:b",
	} {
		f.Add(s)
	}
	for _, name := range []string{"extract_otp_secrets__example_export.txt", "extract_otp_secrets__test_plus_problem_export.txt", "extract_otp_secrets__test_export_wrong_prefix.txt"} {
		raw, _ := os.ReadFile("testdata/" + name)
		for _, line := range strings.Split(string(raw), "\n") {
			if strings.HasPrefix(line, "otpauth") || strings.HasPrefix(line, "QR") {
				f.Add(line)
			}
		}
	}
}

// FuzzParseURI: never panic; a parsed account formats and re-parses to the
// same account; no error quotes the secret parameter.
func FuzzParseURI(f *testing.F) {
	seedFromTestdata(f)
	f.Fuzz(func(t *testing.T, s string) {
		acc, err := ParseURI(s)
		if err != nil {
			if _, rest, ok := strings.Cut(s, "secret="); ok {
				sec, _, _ := strings.Cut(rest, "&")
				if len(sec) >= 6 && strings.Contains(err.Error(), sec) {
					t.Fatalf("error quotes the secret: %v", err)
				}
			}
			return
		}
		back, err := ParseURI(acc.ExportURI())
		if err != nil {
			t.Fatalf("exported URI does not parse: %v", err)
		}
		if !sameAccount(acc, back) {
			t.Fatalf("round trip changed %v into %v", acc, back)
		}
	})
}

// FuzzParseMigration: never panic; every account it returns is valid and
// survives an otpauth round trip.
func FuzzParseMigration(f *testing.F) {
	seedFromTestdata(f)
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseMigration(s)
		if err != nil {
			return
		}
		for _, acc := range b.Accounts {
			if err := acc.Validate(); err != nil {
				t.Fatalf("invalid account returned: %v", err)
			}
			back, err := ParseURI(acc.ExportURI())
			if err != nil || !back.Secret.Equal(acc.Secret) {
				t.Fatalf("export of a migration account does not re-parse: %v", err)
			}
		}
	})
}
