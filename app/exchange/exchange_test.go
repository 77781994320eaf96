package exchange

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
	"authdesk/otpcore/backup"
	"authdesk/otpcore/importer"
	"authdesk/otpcore/transfer"
)

var (
	now = time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC)
	pw  = []byte("vault password")
)

func newVault(t *testing.T, profile string) *vault.Vault {
	t.Helper()
	v, err := vault.Open(vault.Options{Home: t.TempDir(), Profile: profile, KDF: seal.Cheap, Backend: store.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Init(pw, now); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Lock)
	return v
}

func add(t *testing.T, v *vault.Vault, name, uri string) {
	t.Helper()
	a, err := otpcore.ParseURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Add(name, a); err != nil {
		t.Fatal(err)
	}
}

// fill adds n accounts of every kind (TOTP/HOTP/Steam, 6-8 digits,
// periods 30 and 60) and pins the second.
func fill(t *testing.T, v *vault.Vault, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		key := otpcore.Secret(fmt.Sprintf("exchange-key-%03d", i)).Base32()
		uri := fmt.Sprintf("otpauth://totp/Issuer%d:user%d?secret=%s&digits=%d&period=%d", i, i, key, 6+i%3, 30+30*(i%5/4))
		switch i % 7 {
		case 3:
			uri = fmt.Sprintf("otpauth://hotp/Bank%d:acct?secret=%s&counter=%d&algorithm=SHA256", i, key, 40+i)
		case 5:
			uri = fmt.Sprintf("otpauth://steam/Steam:gamer%d?secret=%s", i, key)
		}
		add(t, v, fmt.Sprintf("Account %d", i), uri)
	}
	es, _ := v.Entries()
	if err := v.SetPinned(es[1].ID, true); err != nil {
		t.Fatal(err)
	}
}

type view struct {
	name   string
	pinned bool
	line   string // the account without its key, and its code now
	key    string
}

func snapshot(t *testing.T, v *vault.Vault) []view {
	t.Helper()
	es, err := v.Entries()
	if err != nil {
		t.Fatal(err)
	}
	var out []view
	for _, e := range es {
		code, err := e.Account.Code(now)
		if err != nil || e.Err != nil {
			t.Fatal(err, e.Err)
		}
		out = append(out, view{e.Name, e.Pinned, e.Account.String() + " " + code, e.Account.Secret.Base32()})
		e.Account.Wipe()
	}
	return out
}

// vault -> authdesk backup -> a new profile: the same accounts, names,
// order, pins and codes.
func TestBackupRoundTrip(t *testing.T) {
	src := newVault(t, "old")
	fill(t, src, 12)
	data, err := Backup(src, []byte("backup password"), backup.Cheap, now)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "backup.authdesk")
	if err := WriteFile(file, data); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", st.Mode())
	}
	if need, err := FileNeedsPassword(file, importer.Auto); !need || err != nil {
		t.Errorf("FileNeedsPassword = %v %v", need, err)
	}
	r, err := ReadFile(file, importer.Auto, []byte("backup password"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Wipe()
	dst := newVault(t, "new")
	rep, err := AddToVault(dst, r.Accounts)
	if err != nil || len(rep.Added) != 12 || len(rep.Renamed)+len(rep.Existing)+len(rep.Failed) != 0 {
		t.Fatalf("AddToVault: %v %+v", err, rep)
	}
	a, b := snapshot(t, src), snapshot(t, dst)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the new profile differs:\n%v\n%v", a, b)
	}
	// The same file again: nothing added, every account reported as there.
	rep, err = AddToVault(dst, r.Accounts)
	if err != nil || len(rep.Added) != 0 || len(rep.Existing) != 12 || rep.Existing[0].To != "Account 1" {
		t.Errorf("second import: %v %+v", err, rep)
	}
	if _, err := ReadFile(file, importer.Auto, []byte("vault password")); !errors.Is(err, importer.ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
}

// vault -> Google export QR images -> scan.File -> the same accounts (those
// the format carries; the others are reported).
func TestGoogleQRRoundTrip(t *testing.T) {
	v := newVault(t, "phone")
	fill(t, v, 21) // 11 fit Google's format: two codes
	links, skipped, err := GoogleLinks(v)
	if err != nil {
		t.Fatal(err)
	}
	src := snapshot(t, v)
	var want []string
	for _, s := range src {
		if strings.Contains(s.line, "steam") || strings.Contains(s.line, "7 digits") || strings.Contains(s.line, "60 s") {
			continue
		}
		want = append(want, s.line+" "+s.key)
	}
	if len(skipped)+len(want) != 21 || len(links) != 2 {
		t.Fatalf("%d links, %d skipped, %d compatible", len(links), len(skipped), len(want))
	}
	dir := t.TempDir()
	var got []string
	for i, l := range links {
		img, err := transfer.QRPNG(l, 3)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("google-%d.png", i+1))
		if err := WriteFile(p, img); err != nil {
			t.Fatal(err)
		}
		r, err := ReadFile(p, importer.Auto, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Format != Image || len(r.Skipped) != 0 {
			t.Errorf("%s: %q %v", p, r.Format, r.Skipped)
		}
		// Each image holds one of the codes: the others are named.
		if want := fmt.Sprintf("code(s) %d of them are not in this image", 2-i); len(r.Notes) != 1 || !strings.Contains(r.Notes[0], want) {
			t.Errorf("%s: notes %q, want %q", p, r.Notes, want)
		}
		for _, e := range r.Accounts {
			code, _ := e.Account.Code(now)
			got = append(got, e.Account.String()+" "+code+" "+e.Account.Secret.Base32())
		}
		r.Wipe()
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scanned:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Name clashes get a suffix; names are cleaned; an encrypted Aegis vault
// goes in with its favourites pinned.
func TestAddToVaultNames(t *testing.T) {
	v := newVault(t, "names")
	add(t, v, "Deno: Mason", "otpauth://totp/Other:x?secret=JBSWY3DPEHPK3PXP")
	add(t, v, "deno: mason (2)", "otpauth://totp/Other:y?secret=JBSWY3DPEHPK3PXQ")
	r, err := ReadFile(filepath.Join("testdata", "Aegis__aegis_encrypted.json"), importer.Auto, []byte("test"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Wipe()
	rep, err := AddToVault(v, r.Accounts)
	if err != nil || len(rep.Added) != 7 {
		t.Fatalf("%v %+v", err, rep)
	}
	if len(rep.Renamed) != 1 || rep.Renamed[0] != (Renamed{"Deno: Mason", "Deno: Mason (3)"}) {
		t.Errorf("renamed %+v", rep.Renamed)
	}
	odd := r.Accounts[0]
	odd.Name = "tab\there\nand a very long name " + strings.Repeat("x", 200)
	odd.Account = odd.Account.Clone()
	odd.Account.Issuer = "Elsewhere"
	rep, err = AddToVault(v, []importer.Entry{odd})
	if err != nil || len(rep.Added) != 1 || strings.ContainsAny(rep.Added[0], "\t\n") || len([]rune(rep.Added[0])) > vault.MaxNameLen {
		t.Errorf("%v %+v", err, rep)
	}
	odd.Account.Wipe()
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("dear diary\n"), 0o600)
	png := filepath.Join(dir, "link.png")
	img, _ := transfer.QRPNG("https://example.com/login", 3)
	os.WriteFile(png, img, 0o600)
	for _, tt := range []struct {
		path string
		err  error
	}{
		{filepath.Join(dir, "missing"), ErrRead},
		{dir, ErrRead},
		{text, importer.ErrUnknownFormat},
		{png, otpcore.ErrNotOTP},
	} {
		r, err := ReadFile(tt.path, importer.Auto, nil)
		if !errors.Is(err, tt.err) || len(r.Accounts) != 0 {
			t.Errorf("%s: %v, want %v", filepath.Base(tt.path), err, tt.err)
		}
	}
	if f, err := ParseFormat("IMAGE"); f != Image || err != nil {
		t.Errorf("ParseFormat: %v %v", f, err)
	}
}

// Plan shows beforehand what AddToVault does; the progress reaches the
// total.
func TestPlanAndProgress(t *testing.T) {
	v := newVault(t, "plan")
	add(t, v, "Deno: Mason", "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ")
	add(t, v, "SPDX: James", "otpauth://totp/Other:x?secret=JBSWY3DPEHPK3PXP")
	r, err := ReadFile(filepath.Join("testdata", "Aegis__aegis_encrypted.json"), importer.Auto, []byte("test"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Wipe()
	plan, err := Plan(v, append(r.Accounts[:3:3], r.Accounts[2]))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%q %q %q %q", plan[0].Existing, plan[1].Name, plan[2].Name, plan[3].Existing)
	if got != `"Deno: Mason" "SPDX: James (2)" "Airbnb: Elijah" "Airbnb: Elijah"` || !plan[1].Renamed || plan[2].Renamed {
		t.Errorf("plan: %s", got)
	}
	var calls []string
	rep, err := AddToVaultProgress(v, r.Accounts, func(done, total int) { calls = append(calls, fmt.Sprintf("%d/%d", done, total)) })
	if err != nil || len(rep.Added) != 6 || len(rep.Existing) != 1 || calls[len(calls)-1] != "7/7" || len(calls) != 7 {
		t.Errorf("%v %+v %v", err, rep, calls)
	}
}
