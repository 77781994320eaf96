package importer

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"authdesk/otpcore"
)

// expected.json (from ../shared/fixtures/importers, see MANIFEST.tsv): the
// entries each fixture must give, traced to Aegis's own importer tests.
type expectedFile struct {
	Files map[string]struct {
		Password       *string             `json:"password"`
		Slow           bool                `json:"slow"` // a real key derivation of seconds: once, not in -short
		Count          int                 `json:"expected_entry_count"`
		Entries        []expectedEntry     `json:"expected_entries"`
		ExpectedGroups map[string][]string `json:"expected_groups"`
		// Skipped: entries the file holds that are not imported, with a
		// part of the reason a person sees.
		Skipped []struct {
			Name   string `json:"name"`
			Reason string `json:"reason_contains"`
		} `json:"expected_skipped"`
	} `json:"files"`
}

type expectedEntry struct {
	Type      string  `json:"type"`
	Issuer    *string `json:"issuer"` // nil: not asserted (Bitwarden's Steam entry)
	Name      *string `json:"name"`
	Secret    string  `json:"secret"`
	Algorithm string  `json:"algorithm"`
	Digits    int     `json:"digits"`
	Period    int     `json:"period"`
	Counter   uint64  `json:"counter"`
}

// detected is the format each fixture must be detected as.
var detected = map[string]Format{
	"Aegis__aegis_plain.json":                                  Aegis,
	"Aegis__aegis_encrypted.json":                              Aegis,
	"Aegis__aegis_plain_grouped_v2.json":                       Aegis,
	"Aegis__2fas_authenticator_plain.2fas":                     TwoFAS,
	"Aegis__2fas_authenticator_encrypted.2fas":                 TwoFAS,
	"Aegis__2fas_authenticator_plain_v4.2fas":                  TwoFAS,
	"Aegis__2fas_authenticator_encrypted_v4.2fas":              TwoFAS,
	"Aegis__andotp_plain.json":                                 AndOTP,
	"Aegis__andotp_encrypted.bin":                              AndOTP,
	"Aegis__bitwarden.json":                                    BitwardenJSON,
	"Aegis__bitwarden.csv":                                     BitwardenCSV,
	"Aegis__freeotp_plus.json":                                 FreeOTPPlus,
	"Aegis__plain.txt":                                         URIs,
	"Aegis__ente_auth.txt":                                     Ente,
	"Aegis__proton_authenticator.json":                         Proton,
	"ente__proton_authenticator_backup.json":                   Proton,
	"ente__proton_authenticator_backup_encrypted_1231246.json": Proton,
	"KeePassXC__bitwarden_encrypted_export.json":               BitwardenJSON,
	"KeePassXC__bitwarden_encrypted_argon2id_export.json":      BitwardenJSON,
	"proton-pass-common__ente_encrypted.lowcomplexity.txt":     Ente,
	"proton-pass-common__ente_encrypted.nominalcomplexity.txt": Ente,
	"Aegis__stratum_plain.json":                                Stratum,
	"Aegis__stratum_encrypted.bin":                             Stratum,
	"Aegis__stratum_encrypted_legacy.bin":                      Stratum,
	"proton-pass-common__lastpass.json":                        LastPass,
	"proton-pass-common__lastpass_ios_export.json":             LastPass,
	"proton-pass-common__lastpass_missing_fields.json":         LastPass,
	"KeePassXC__NewDatabase.kdbx":                              KeePass,
	"KeePassXC__NewDatabaseBrowser.kdbx":                       KeePass,
	"keepassxc-cli__otp_kdbx4.kdbx":                            KeePass,
	"keepassxc-cli__otp_kdbx31.kdbx":                           KeePass,
	"keepassxc-cli__otp_argon2d_chacha20.kdbx":                 KeePass,
	"keepassxc-cli__NewDatabase_export.csv":                    KeePassXCCSV,
	"keepassxc-cli__otp_export.csv":                            KeePassXCCSV,
}

func loadExpected(t *testing.T) expectedFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e expectedFile
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Files) != len(detected) {
		t.Fatalf("expected.json has %d files, the test knows %d", len(e.Files), len(detected))
	}
	return e
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFixtures(t *testing.T) {
	exp := loadExpected(t)
	names := make([]string, 0, len(exp.Files))
	for n := range exp.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		want := exp.Files[name]
		t.Run(name, func(t *testing.T) {
			if want.Slow && testing.Short() {
				t.Skip("a key derivation of seconds (-short)")
			}
			data := readFixture(t, name)
			f, ok := Detect(data)
			if !ok || f != detected[name] {
				t.Fatalf("Detect = %q %v, want %q", f, ok, detected[name])
			}
			var pw []byte
			if want.Password != nil {
				pw = []byte(*want.Password)
			}
			if got := NeedsPassword(data, Auto); got != (pw != nil) {
				t.Errorf("NeedsPassword = %v, want %v", got, pw != nil)
			}
			r, err := Import(data, Auto, pw)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			defer r.Wipe()
			if r.Format != f || len(r.Skipped) != len(want.Skipped) {
				t.Errorf("format %q skipped %v, want %d skipped", r.Format, r.Skipped, len(want.Skipped))
			}
			for i := 0; i < len(r.Skipped) && i < len(want.Skipped); i++ {
				if r.Skipped[i].Name != want.Skipped[i].Name || !strings.Contains(r.Skipped[i].Reason, want.Skipped[i].Reason) {
					t.Errorf("skipped %d: %+v, want %+v", i, r.Skipped[i], want.Skipped[i])
				}
			}
			if len(r.Accounts) != want.Count || len(want.Entries) != want.Count {
				t.Fatalf("%d accounts, want %d", len(r.Accounts), want.Count)
			}
			for i, we := range want.Entries {
				checkEntry(t, i, r.Accounts[i], we)
			}
			if want.ExpectedGroups != nil {
				groups := map[string][]string{}
				for _, e := range r.Accounts {
					if e.Group != "" {
						groups[e.Group] = append(groups[e.Group], e.Account.Issuer+"/"+e.Account.Name)
					}
				}
				if !equalJSON(groups, want.ExpectedGroups) {
					t.Errorf("groups %v, want %v", groups, want.ExpectedGroups)
				}
			}
			if pw != nil {
				if _, err := Import(data, Auto, nil); !errors.Is(err, ErrPasswordNeeded) {
					t.Errorf("no password: %v, want ErrPasswordNeeded", err)
				}
				if want.Slow {
					return // the wrong password is tried on a faster fixture of the format
				}
				r2, err := Import(data, Auto, []byte("not the password"))
				if !errors.Is(err, ErrWrongPassword) || len(r2.Accounts) != 0 {
					t.Errorf("wrong password: %v (%d accounts), want ErrWrongPassword and nothing", err, len(r2.Accounts))
				}
			}
		})
	}
}

func checkEntry(t *testing.T, i int, e Entry, w expectedEntry) {
	t.Helper()
	a := e.Account
	if a.Type.String() != w.Type || a.Secret.Base32() != w.Secret {
		t.Errorf("entry %d: type %s / secret mismatch, want %s", i, a.Type, w.Type)
	}
	if w.Issuer != nil && a.Issuer != *w.Issuer || w.Name != nil && a.Name != *w.Name {
		t.Errorf("entry %d: %q / %q, want %v / %v", i, a.Issuer, a.Name, deref(w.Issuer), deref(w.Name))
	}
	if w.Algorithm != "" && (a.Algorithm.String() != w.Algorithm || a.Digits != w.Digits) {
		t.Errorf("entry %d: %s %d digits, want %s %d", i, a.Algorithm, a.Digits, w.Algorithm, w.Digits)
	}
	if a.Type == otpcore.HOTP && a.Counter != w.Counter {
		t.Errorf("entry %d: counter %d, want %d", i, a.Counter, w.Counter)
	}
	if a.Type != otpcore.HOTP && w.Period != 0 && a.Period != w.Period {
		t.Errorf("entry %d: period %d, want %d", i, a.Period, w.Period)
	}
	if e.Name != a.DisplayName() || e.Name == "" {
		t.Errorf("entry %d: suggested name %q, want %q", i, e.Name, a.DisplayName())
	}
}

func deref(s *string) string {
	if s == nil {
		return "(any)"
	}
	return *s
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// The 2FAS v4 and grouped Aegis files carry a Steam entry in the middle of
// the file; what a person sees in the import preview is its name.
func TestSteamEntryNames(t *testing.T) {
	r, err := Import(readFixture(t, "Aegis__bitwarden.csv"), Auto, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Wipe()
	last := r.Accounts[len(r.Accounts)-1]
	if last.Account.Type != otpcore.Steam || last.Name != "Test 4" || last.Account.Digits != 5 {
		t.Errorf("steam:// entry: %q %v", last.Name, last.Account)
	}
}

func TestFormatOverride(t *testing.T) {
	aegis := readFixture(t, "Aegis__aegis_plain.json")
	tests := []struct {
		name   string
		data   []byte
		format Format
		err    error
	}{
		{"aegis read as 2fas", aegis, TwoFAS, ErrUnknownFormat}, // detected as another format
		{"aegis read as uris", aegis, URIs, ErrUnknownFormat},   // no link in it
		{"aegis read as csv", aegis, BitwardenCSV, ErrUnknownFormat},
		{"unknown name", aegis, Format("authy"), ErrUnknownFormat},
		{"plain text", []byte("hello\nworld\n"), Auto, ErrUnknownFormat},
		{"empty", nil, Auto, ErrUnknownFormat},
		{"empty aegis", []byte(`{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[]}}`), Auto, ErrEmpty},
		{"encrypted bitwarden", []byte(`{"encrypted":true,"items":[]}`), Auto, ErrUnsupported},
		{"too large", make([]byte, MaxSize+1), Auto, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Import(tt.data, tt.format, nil)
			if !errors.Is(err, tt.err) || len(r.Accounts) != 0 {
				t.Errorf("Import: %v (%d accounts), want %v", err, len(r.Accounts), tt.err)
			}
		})
	}
	if f, err := ParseFormat("Bitwarden-CSV"); err != nil || f != BitwardenCSV {
		t.Errorf("ParseFormat: %q %v", f, err)
	}
	if _, err := ParseFormat("authy"); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "aegis") {
		t.Errorf("ParseFormat(authy): %v", err)
	}
}

// Truncated or changed encrypted files: an error and nothing imported.
func TestDamagedEncrypted(t *testing.T) {
	for _, tt := range []struct{ file, cut string }{
		{"Aegis__aegis_encrypted.json", ""},
		{"Aegis__2fas_authenticator_encrypted.2fas", ""},
		{"Aegis__andotp_encrypted.bin", ""},
	} {
		data := readFixture(t, tt.file)
		truncated := data[:len(data)*2/3]
		if r, err := Import(truncated, Auto, []byte("test")); err == nil || len(r.Accounts) != 0 {
			t.Errorf("%s truncated: %v, %d accounts", tt.file, err, len(r.Accounts))
		}
	}
	// Flip one Base64 character of the Aegis db: the key opens, the db not.
	data := string(readFixture(t, "Aegis__aegis_encrypted.json"))
	i := strings.Index(data, `"db": "`) + len(`"db": "`) + 10
	flipped := data[:i] + string(flip(data[i])) + data[i+1:]
	if _, err := Import([]byte(flipped), Auto, []byte("test")); !errors.Is(err, ErrDamaged) {
		t.Errorf("tampered Aegis db: %v, want ErrDamaged", err)
	}
	// andOTP: any changed byte fails authentication.
	bin := readFixture(t, "Aegis__andotp_encrypted.bin")
	bin = append([]byte(nil), bin...)
	bin[len(bin)-20] ^= 1
	if _, err := Import(bin, Auto, []byte("test")); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("tampered andOTP: %v", err)
	}
}

func flip(c byte) byte {
	if c == 'A' {
		return 'B'
	}
	return 'A'
}

func TestSkippedEntries(t *testing.T) {
	aegis := `{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[
	 {"type":"motp","name":"m","issuer":"MOTP","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5","digits":6,"period":10,"pin":"1234"}},
	 {"type":"yandex","name":"y","issuer":"Yandex","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA256","digits":8,"period":30}},
	 {"type":"totp","name":"bad","issuer":"X","info":{"secret":"not base32 !","algo":"SHA1","digits":6,"period":30}},
	 {"type":"totp","name":"ok","issuer":"X","favorite":true,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}]}}`
	r, err := Import([]byte(aegis), Auto, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Accounts) != 1 || !r.Accounts[0].Pinned || r.Accounts[0].Name != "X: ok" {
		t.Fatalf("accounts %v", r.Accounts)
	}
	want := []Skipped{
		{Name: "MOTP: m", Reason: "mOTP tokens are not supported"},
		{Name: "Yandex: y", Reason: "Yandex tokens are not supported"},
	}
	if len(r.Skipped) != 3 || r.Skipped[0] != want[0] || r.Skipped[1] != want[1] || !strings.Contains(r.Skipped[2].Reason, "not Base32") {
		t.Errorf("skipped %v", r.Skipped)
	}
	text := "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\n\nhttps://example.com\notpauth://totp/B:b?secret=JBSWY3DPEHPK3PX1\n" +
		"otpauth://totp/C:c?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%22trashed%22%3Atrue%7D\n"
	r, err = Import([]byte(text), Auto, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != Ente || len(r.Accounts) != 1 || len(r.Skipped) != 3 ||
		r.Skipped[0].Name != "line 3" || r.Skipped[1].Name != "line 4" || r.Skipped[2].Reason != "in Ente Auth's trash" {
		t.Errorf("text: %q %d accounts, skipped %v", r.Format, len(r.Accounts), r.Skipped)
	}
	for _, s := range r.Skipped {
		if strings.Contains(s.Reason, "JBSWY3DP") {
			t.Errorf("a reason quotes the key: %q", s.Reason)
		}
	}
}

// A Google Authenticator export text (scito/extract_otp_secrets's example,
// see MANIFEST.tsv): comments skipped, each migration link expanded.
func TestGoogleText(t *testing.T) {
	r, err := Import(readFixture(t, "extract_otp_secrets__example_export.txt"), Auto, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Wipe()
	var got []string
	for _, e := range r.Accounts {
		got = append(got, e.Account.Type.String()+" "+e.Name+" "+e.Account.Secret.Base32())
	}
	const key = " 7KSQL2JTUDIS5EF65KLMRQIIGY"
	want := []string{"totp raspberrypi: pi@raspberrypi" + key, "totp pi@raspberrypi" + key, "totp pi@raspberrypi" + key,
		"totp raspberrypi: pi@raspberrypi" + key, "hotp hotp demo" + key, "totp encoding: ¿äÄéÉ? (demo)" + key}
	if r.Format != Google || strings.Join(got, "\n") != strings.Join(want, "\n") || len(r.Skipped) != 0 {
		t.Errorf("%q skipped %v:\n%s", r.Format, r.Skipped, strings.Join(got, "\n"))
	}
	if r.Accounts[4].Account.Counter != 4 {
		t.Errorf("hotp counter %d, want 4", r.Accounts[4].Account.Counter)
	}
}
