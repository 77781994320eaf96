package otpcore

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

type uriFixture struct {
	URI      string         `json:"uri"`
	Valid    bool           `json:"valid"`
	Expected map[string]any `json:"expected"`
	Category string         `json:"category"`
	Note     string         `json:"note"`
}

func loadURIFixtures(t testing.TB) []uriFixture {
	t.Helper()
	f, err := os.Open("testdata/otpauth_uris.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []uriFixture
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var u uriFixture
		if err := json.Unmarshal(sc.Bytes(), &u); err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

// Where the fixture's source app refused a URI for its own policy, authdesk
// decides for itself; every such decision is listed here with its reason.
var uriPolicy = map[string]struct {
	accept bool
	why    string
}{
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZU":                                  {true, "a 15-byte key computes exact codes; a portal chose it"},
	"otpauth://hotp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&counter=18446744073709551615":   {true, "fits the uint64 counter of RFC 4226"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&digits=10":                      {true, "6 to 10 digits are allowed (RFC 4226 allows more than 8)"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&period=4":                       {true, "any period from 1 s computes exact codes"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&color=00000":                    {true, "unknown parameters are ignored"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&color=0000000":                  {true, "unknown parameters are ignored"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&color=00000000":                 {true, "unknown parameters are ignored"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&color=GHIJKL":                   {true, "unknown parameters are ignored"},
	"otpauth://totp/Steam:bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&digits=7":                 {true, "the issuer name does not make an account Steam Guard; 7 digits are fine"},
	"otpauth://totp/Steam:bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&digits=4":                 {false, "4 digits are below the 6-digit minimum"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&digits=5":                       {false, "5 digits only for Steam Guard"},
	"otpauth://totp/bar?secret=GAYTEMZUGU3DOOBZGAYTEMZUGU&algorithm=MD5":                  {false, "MD5 is not an RFC 6238 algorithm"},
	"otpauth://hotp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ": {true, "counter absent: 0, as Google Authenticator does"},
	"otpauth://totp/foo:bar:baz":                                                          {false, "no secret; FreeOTP refuses the two colons, authdesk would read issuer foo, account bar:baz (the issuer ends at the first colon)"},
}

// Where authdesk reads a valid URI differently from the fixture's source
// app, the field and the reason.
var uriDiffers = map[string]string{
	// KeePassXC clamps the period to 24 h; clamping would give wrong codes,
	// so authdesk keeps the period the issuer set.
	"otpauth://totp/ACME%20Co:john@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA512&digits=6&period=90000": "period",
	// andOTP keeps ":john..." as the label; the Key URI Format makes the
	// blank before the colon an empty issuer.
	"otpauth://totp/ :john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&ALGORITHM=SHA1&digits=6&period=30": "account",
}

func TestURIFixtures(t *testing.T) {
	fx := loadURIFixtures(t)
	if len(fx) != 60 {
		t.Fatalf("want 60 fixture URIs, got %d", len(fx))
	}
	for _, f := range fx {
		t.Run(strings.ReplaceAll(f.URI, "/", "_"), func(t *testing.T) {
			acc, err := ParseURI(f.URI)
			want := f.Valid
			if p, ok := uriPolicy[f.URI]; ok {
				want = p.accept
			}
			if !want {
				if err == nil {
					t.Fatalf("accepted %s (%s)", acc, f.Category)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			checkExpected(t, acc, f)
			// round trip: format, parse, same account
			back, err := ParseURI(acc.ExportURI())
			if err != nil {
				t.Fatalf("re-parse of the exported URI: %v", err)
			}
			if !sameAccount(acc, back) {
				t.Fatalf("round trip changed %v into %v", acc, back)
			}
		})
	}
}

func checkExpected(t *testing.T, acc Account, f uriFixture) {
	t.Helper()
	differs := uriDiffers[f.URI]
	for k, v := range f.Expected {
		if k == differs {
			continue
		}
		switch k {
		case "type":
			if acc.Type.String() != v && !(v == "totp" && acc.Type == Steam) {
				t.Errorf("type %s, want %v", acc.Type, v)
			}
		case "issuer":
			if acc.Issuer != v {
				t.Errorf("issuer %q, want %q", acc.Issuer, v)
			}
		case "account":
			if acc.Name != v {
				t.Errorf("account %q, want %q", acc.Name, v)
			}
		case "secret":
			want, err := DecodeBase32(v.(string))
			if err != nil || !acc.Secret.Equal(want) {
				t.Errorf("secret differs from the fixture's")
			}
		case "secret_hex":
			want, _ := hex.DecodeString(v.(string))
			if !acc.Secret.Equal(want) {
				t.Errorf("secret bytes differ from the fixture's")
			}
		case "algorithm":
			if acc.Algorithm.String() != v {
				t.Errorf("algorithm %s, want %v", acc.Algorithm, v)
			}
		case "digits":
			if acc.Digits != int(v.(float64)) {
				t.Errorf("digits %d, want %v", acc.Digits, v)
			}
		case "period":
			if acc.Period != int(v.(float64)) {
				t.Errorf("period %d, want %v", acc.Period, v)
			}
		case "counter":
			if acc.Counter != uint64(v.(float64)) {
				t.Errorf("counter %d, want %v", acc.Counter, v)
			}
		case "encoder":
			if v == "steam" && acc.Type != Steam {
				t.Errorf("encoder=steam must give a Steam account, got %s", acc.Type)
			}
		case "codes":
			for ts, code := range v.(map[string]any) {
				at, _ := parseUnix(ts)
				if got, _ := acc.Code(at); got != code {
					t.Errorf("code at %s: %s, want %v", ts, got, code)
				}
			}
		case "name_as_exported":
			if got := acc.Issuer + ": " + acc.Name; got != v {
				t.Errorf("issuer+name %q, want %q", got, v)
			}
		case "tags":
			// andOTP's extension; authdesk ignores it (the URI still parses)
		default:
			t.Errorf("fixture field %q not checked", k)
		}
	}
	if differs == "period" && acc.Period != 90000 {
		t.Errorf("period %d, want the issuer's 90000", acc.Period)
	}
	if differs == "account" && (acc.Name != "john.doe@email.com" || acc.Issuer != "") {
		t.Errorf("label ' :john' read as issuer %q account %q", acc.Issuer, acc.Name)
	}
}

func sameAccount(a, b Account) bool {
	return a.Type == b.Type && a.Name == b.Name && a.Issuer == b.Issuer && a.Secret.Equal(b.Secret) &&
		a.Algorithm == b.Algorithm && a.Digits == b.Digits && a.Counter == b.Counter &&
		(a.Type == HOTP || a.Period == b.Period)
}

// Accounts made elsewhere (a migration payload, an import, the person) may
// hold colons anywhere: the exported link must split back the same way.
func TestExportURIColons(t *testing.T) {
	key, _ := DecodeBase32("JBSWY3DPEHPK3PXP")
	tests := []struct{ issuer, name, label string }{
		{"Nextcloud", "admin@localhost:8080", "Nextcloud:admin@localhost%3A8080"},
		{"", "admin@localhost:8080", ":admin@localhost%3A8080"},
		{"", "bob", "bob"},
		{"Corp", "", "Corp:"},
		{"a:b", "bob", "bob"},
		{"a:b", "c:d", ":c%3Ad"},
		{"a:b", "", ""},
		{"Big Corp", "x:y:z", "Big%20Corp:x%3Ay%3Az"},
	}
	for _, tc := range tests {
		acc := NewAccount(TOTP, tc.name, tc.issuer, key.Clone())
		u := acc.ExportURI()
		label, _, _ := strings.Cut(strings.TrimPrefix(u, "otpauth://totp/"), "?")
		if label != tc.label {
			t.Errorf("issuer %q name %q: label %q, want %q", tc.issuer, tc.name, label, tc.label)
		}
		back, err := ParseURI(u)
		if err != nil || !sameAccount(acc, back) {
			t.Errorf("issuer %q name %q came back as issuer %q name %q (%v)", tc.issuer, tc.name, back.Issuer, back.Name, err)
		}
	}
}

// The largest account a link may carry (every byte of its issuer and name
// escaped, the issuer written twice, the longest key) exports to a link
// ParseURI reads back.
func TestExportURIWorstCase(t *testing.T) {
	key := make(Secret, MaxURIKey)
	for i := range key {
		key[i] = byte(i)
	}
	acc := NewAccount(HOTP, strings.Repeat("\x1a:", MaxLabelPart/2), strings.Repeat("\x1a", MaxLabelPart), key)
	acc.Counter = 1<<64 - 1
	u := acc.ExportURI()
	if len(u) > MaxURILength {
		t.Fatalf("exported link is %d bytes, over %d", len(u), MaxURILength)
	}
	back, err := ParseURI(u)
	if err != nil || !sameAccount(acc, back) {
		t.Fatalf("worst-case link did not read back (%v)", err)
	}
}

// Each bad field is named by its sentinel and the message says what to do.
func TestURIErrors(t *testing.T) {
	const key = "JBSWY3DPEHPK3PXP"
	tests := []struct {
		name, uri string
		want      error
		msg       string
	}{
		{"empty", "", ErrScheme, "otpauth://"},
		{"web link", "https://example.com/2fa", ErrScheme, "should start with otpauth://"},
		{"migration given to ParseURI", "otpauth-migration://offline?data=AA", ErrScheme, "Google Authenticator export"},
		{"unknown type", "otpauth://potp/x?secret=" + key, ErrType, "totp, hotp or steam"},
		{"no secret", "otpauth://totp/x", ErrSecret, "no secret="},
		{"empty secret", "otpauth://totp/x?secret=", ErrSecret, "empty"},
		{"not base32", "otpauth://totp/x?secret=JBSWY3DPEHPK3PX0", ErrSecret, "character 16"},
		{"bad length", "otpauth://totp/x?secret=JBSWY3DPE", ErrSecret, "cannot have 9 characters"},
		{"bad algorithm", "otpauth://totp/x?secret=" + key + "&algorithm=SHA3", ErrAlgorithm, "SHA1, SHA256 or SHA512"},
		{"digits text", "otpauth://totp/x?secret=" + key + "&digits=six", ErrDigits, "not a number"},
		{"digits 11", "otpauth://totp/x?secret=" + key + "&digits=11", ErrDigits, "6 to 10"},
		{"period 0", "otpauth://totp/x?secret=" + key + "&period=0", ErrPeriod, "from 1"},
		{"period overflow", "otpauth://totp/x?secret=" + key + "&period=2147483648", ErrPeriod, "from 1"},
		{"negative counter", "otpauth://hotp/x?secret=" + key + "&counter=-1", ErrCounter, "whole number"},
		{"steam with 6 digits", "otpauth://steam/x?secret=" + key + "&digits=6", ErrDigits, "Steam Guard"},
		{"label not UTF-8", "otpauth://totp/a%FF?secret=" + key, ErrLabel, "UTF-8"},
		{"two colons but no secret", "otpauth://totp/foo:bar:baz", ErrSecret, "no secret="},
		{"bad label escape", "otpauth://totp/a%zz?secret=" + key, ErrLabel, "%-escape"},
		{"bad query escape", "otpauth://totp/a?secret=" + key + "&issuer=%zz", ErrParameter, "malformed"},
		{"conflicting secrets", "otpauth://totp/a?secret=" + key + "&secret=GEZDGNBVGY3TQOJQ", ErrParameter, "twice"},
		{"huge", "otpauth://totp/a?secret=" + strings.Repeat("A", MaxURILength), ErrScheme, "longer than"},
		{"long account name", "otpauth://totp/" + strings.Repeat("n", MaxLabelPart+1) + "?secret=" + key, ErrLabel, "type the name yourself"},
		{"long issuer prefix", "otpauth://totp/" + strings.Repeat("i", MaxLabelPart+1) + ":n?secret=" + key, ErrLabel, "type the name yourself"},
		{"long issuer parameter", "otpauth://totp/n?secret=" + key + "&issuer=" + strings.Repeat("i", MaxLabelPart+1), ErrParameter, "type the issuer yourself"},
		{"long key", "otpauth://totp/n?secret=" + strings.Repeat("JBSWY3DP", MaxURIKey/5+1), ErrSecret, "longer than any authenticator key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseURI(tc.uri)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
			if strings.Contains(err.Error(), "JBSWY3") || strings.Contains(err.Error(), "GEZDG") {
				t.Errorf("message leaks the secret: %q", err)
			}
		})
	}
}

func TestURILenient(t *testing.T) {
	tests := []struct {
		name, uri, issuer, account string
		typ                        Type
	}{
		{"empty label (privacyIDEA)", "otpauth://hotp/?secret=JBSWY3DPEHPK3PXP&counter=1", "", "", HOTP},
		{"no slash", "otpauth://totp?secret=JBSWY3DPEHPK3PXP&issuer=Corp", "Corp", "", TOTP},
		{"issuer param wins", "otpauth://totp/Old:bob?secret=JBSWY3DPEHPK3PXP&issuer=New", "New", "bob", TOTP},
		{"empty issuer param keeps the prefix", "otpauth://totp/Old:bob?secret=JBSWY3DPEHPK3PXP&issuer=", "Old", "bob", TOTP},
		{"host:port in the account (Nextcloud)", "otpauth://totp/Nextcloud%3Aadmin%40localhost%3A8080?secret=JBSWY3DPEHPK3PXP&issuer=Nextcloud", "Nextcloud", "admin@localhost:8080", TOTP},
		{"raw colons, blanks after the first", "otpauth://totp/Corp:%20%20bob:x:y?secret=JBSWY3DPEHPK3PXP", "Corp", "bob:x:y", TOTP},
		{"lower-case %3a", "otpauth://totp/Corp%3abob%3a1?secret=JBSWY3DPEHPK3PXP", "Corp", "bob:1", TOTP},
		{"raw then escaped colon", "otpauth://totp/Corp:bob%3A1?secret=JBSWY3DPEHPK3PXP", "Corp", "bob:1", TOTP},
		{"escaped then raw colon", "otpauth://totp/Corp%3Abob:1?secret=JBSWY3DPEHPK3PXP", "Corp", "bob:1", TOTP},
		{"empty prefix keeps a colon in the name", "otpauth://totp/:bob:1?secret=JBSWY3DPEHPK3PXP", "", "bob:1", TOTP},
		{"issuer only, empty name", "otpauth://totp/Corp:?secret=JBSWY3DPEHPK3PXP", "Corp", "", TOTP},
		{"colon-only label", "otpauth://totp/:?secret=JBSWY3DPEHPK3PXP", "", "", TOTP},
		{"issuer with a colon, as pyotp writes it", "otpauth://totp/Text%3A%20More%20Text:bob:1?secret=JBSWY3DPEHPK3PXP&issuer=Text%3A%20More%20Text", "Text: More Text", "bob:1", TOTP},
		{"issuer with a colon not in the label", "otpauth://totp/bob:1?secret=JBSWY3DPEHPK3PXP&issuer=a:b", "a:b", "1", TOTP},
		{"IPv6 host in the account", "otpauth://totp/VPN:alice@[2001:db8::1]:443?secret=JBSWY3DPEHPK3PXP&issuer=VPN", "VPN", "alice@[2001:db8::1]:443", TOTP},
		{"upper-case scheme and type", "OTPAUTH://TOTP/a?secret=JBSWY3DPEHPK3PXP", "", "a", TOTP},
		{"steam scheme", "otpauth://steam/Steam:me?secret=JBSWY3DPEHPK3PXP", "Steam", "me", Steam},
		{"spaces in secret", "otpauth://totp/a?secret=JBSW%20Y3DP%20EHPK%203PXP", "", "a", TOTP},
		{"plus in issuer", "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=ACME+Co", "ACME Co", "a", TOTP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc, err := ParseURI(tc.uri)
			if err != nil {
				t.Fatal(err)
			}
			if acc.Issuer != tc.issuer || acc.Name != tc.account || acc.Type != tc.typ {
				t.Fatalf("got %s issuer %q account %q", acc.Type, acc.Issuer, acc.Name)
			}
			back, err := ParseURI(acc.ExportURI())
			if err != nil || !sameAccount(acc, back) {
				t.Fatalf("round trip gave issuer %q account %q (%v)", back.Issuer, back.Name, err)
			}
		})
	}
}

// The secret never reaches a string by accident.
func TestSecretNeverPrinted(t *testing.T) {
	acc, err := ParseURI("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
	if err != nil {
		t.Fatal(err)
	}
	raw := string(acc.Secret.Bytes())
	for _, s := range []string{
		acc.String(), acc.GoString(), sprintf("%v", acc), sprintf("%+v", acc), sprintf("%#v", acc),
		sprintf("%s", acc.Secret), sprintf("%x", acc.Secret), sprintf("%X", acc.Secret), sprintf("%q", acc.Secret), sprintf("%v", []Secret{acc.Secret}),
	} {
		if strings.Contains(s, "JBSWY3DPEHPK3PXP") || strings.Contains(strings.ToLower(s), "48656c6c6f21deadbeef") || strings.Contains(s, raw) {
			t.Errorf("secret printed: %q", s)
		}
	}
	if _, err := json.Marshal(acc); err == nil {
		t.Error("json.Marshal of an account must fail rather than serialise the secret")
	}
	if !strings.Contains(acc.ExportURI(), "secret=JBSWY3DPEHPK3PXP") {
		t.Error("the explicit export must hold the secret")
	}
}
