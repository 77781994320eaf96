package vault

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"authdesk/app/vault/seal"
	"authdesk/otpcore"
)

func TestInitAddUnlockCodes(t *testing.T) {
	v, _, opts := memVault(t)
	accs := map[string]otpcore.Account{"Bank": totp("bank"), "VPN": totp("vpn"), "Mail": totp("mail")}
	for _, n := range []string{"Bank", "VPN", "Mail"} {
		mustAdd(t, v, n, accs[n])
	}
	v.Lock()
	if !v.Locked() {
		t.Fatal("Locked() is false after Lock")
	}
	if _, err := v.Entries(); !errors.Is(err, ErrLocked) {
		t.Fatalf("Entries of a locked vault = %v, want ErrLocked", err)
	}
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	es, err := v2.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(es); got != 3 {
		t.Fatalf("%d entries, want 3", got)
	}
	for i, want := range []string{"Bank", "VPN", "Mail"} {
		e := es[i]
		if e.Name != want || e.Err != nil {
			t.Fatalf("entry %d = %q (%v), want %q", i, e.Name, e.Err, want)
		}
		got, _ := e.Account.Code(t0)
		exp, _ := accs[want].Code(t0)
		if got != exp || !e.Account.Secret.Equal(accs[want].Secret) {
			t.Fatalf("%s: code %s after reopening, want %s", want, got, exp)
		}
		if e.Account.Issuer != "Example" || e.Account.Name != strings.ToLower(want)+"@example.com" {
			t.Fatalf("%s: account fields changed: %v", want, e.Account)
		}
	}
}

func TestInitRefusals(t *testing.T) {
	v, _, opts := memVault(t)
	if err := v.Init(pw, t0); !errors.Is(err, ErrExists) {
		t.Fatalf("second Init = %v, want ErrExists", err)
	}
	opts.Profile = "bob"
	b := reopen(t, opts)
	if err := b.Init(nil, t0); !errors.Is(err, ErrEmptyPassword) {
		t.Fatalf("Init with an empty password = %v, want ErrEmptyPassword", err)
	}
	if err := b.Unlock(pw, t0); !errors.Is(err, ErrNoVault) || !strings.Contains(err.Error(), "init") {
		t.Fatalf("Unlock of a profile without a vault = %v, want ErrNoVault saying to init", err)
	}
	if b.Exists() {
		t.Fatal("a refused Init created a vault")
	}
}

func TestEntryEdits(t *testing.T) {
	v, _, opts := memVault(t)
	a := mustAdd(t, v, "Bank", totp("bank"))
	b := mustAdd(t, v, "VPN", totp("vpn"))
	c := mustAdd(t, v, "Mail", totp("mail"))
	hotp := otpcore.NewAccount(otpcore.HOTP, "h", "Hotp Inc", testSecret("h"))
	hotp.Counter = 7
	h := mustAdd(t, v, "Token", hotp)

	steps := []struct {
		name string
		do   func() error
		want []string
		err  error
	}{
		{"duplicate name", func() error { _, err := v.Add("bank", totp("x")); return err }, nil, ErrDuplicateName},
		{"empty name", func() error { _, err := v.Add("  ", totp("x")); return err }, nil, ErrBadName},
		{"tab in name", func() error { _, err := v.Add("a\tb", totp("x")); return err }, nil, ErrBadName},
		{"invalid account", func() error { _, err := v.Add("x", otpcore.Account{}); return err }, nil, otpcore.ErrSecret},
		{"rename", func() error { return v.Rename(a.ID, "My bank") }, []string{"My bank", "VPN", "Mail", "Token"}, nil},
		{"rename to another's name", func() error { return v.Rename(a.ID, "vpn") }, nil, ErrDuplicateName},
		{"rename to its own name in another case", func() error { return v.Rename(a.ID, "MY BANK") }, []string{"MY BANK", "VPN", "Mail", "Token"}, nil},
		{"rename unknown", func() error { return v.Rename("nope", "x") }, nil, ErrUnknownAccount},
		{"pin Mail", func() error { return v.SetPinned(c.ID, true) }, []string{"Mail", "MY BANK", "VPN", "Token"}, nil},
		{"reorder", func() error { return v.Reorder([]string{h.ID, b.ID, a.ID, c.ID}) }, []string{"Mail", "Token", "VPN", "MY BANK"}, nil},
		{"reorder a part: the rest keeps its order", func() error { return v.Reorder([]string{a.ID}) }, []string{"Mail", "MY BANK", "Token", "VPN"}, nil},
		{"reorder twice the same", func() error { return v.Reorder([]string{a.ID, a.ID}) }, nil, ErrBadOrder},
		{"unpin", func() error { return v.SetPinned(c.ID, false) }, []string{"MY BANK", "Token", "VPN", "Mail"}, nil},
		{"counter", func() error { return v.SetCounter(h.ID, 42) }, []string{"MY BANK", "Token", "VPN", "Mail"}, nil},
		{"delete", func() error { return v.Delete(b.ID) }, []string{"MY BANK", "Token", "Mail"}, nil},
		{"delete again", func() error { return v.Delete(b.ID) }, nil, ErrUnknownAccount},
		{"the deleted name is free", func() error { _, err := v.Add("VPN", totp("vpn2")); return err }, []string{"MY BANK", "Token", "Mail", "VPN"}, nil},
	}
	for _, s := range steps {
		err := s.do()
		if s.err != nil {
			if !errors.Is(err, s.err) {
				t.Fatalf("%s: %v, want %v", s.name, err, s.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := names(t, v); !slices.Equal(got, s.want) {
			t.Fatalf("%s: list %q, want %q", s.name, got, s.want)
		}
	}
	// Everything survives a restart.
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, v2), []string{"MY BANK", "Token", "Mail", "VPN"}; !slices.Equal(got, want) {
		t.Fatalf("after restart: %q, want %q", got, want)
	}
	e, err := v2.Find("token")
	if err != nil || e.Account.Counter != 42 || e.Account.Type != otpcore.HOTP {
		t.Fatalf("Find(token) = %v, %v; want the HOTP account with counter 42", e.Account, err)
	}
	if _, err := v2.Find("VPN2"); !errors.Is(err, ErrUnknownAccount) {
		t.Fatalf("Find of an unknown name = %v", err)
	}
}

func TestAccountEncodingRoundTrip(t *testing.T) {
	cases := []otpcore.Account{
		totp("a"),
		otpcore.NewAccount(otpcore.Steam, "", "Steam", testSecret("s")),
		{Type: otpcore.HOTP, Name: "ünïcode ☃", Issuer: "", Secret: otpcore.Secret{1}, Algorithm: otpcore.SHA512, Digits: 8, Counter: 1 << 40},
		{Type: otpcore.TOTP, Name: "n", Secret: make(otpcore.Secret, 128), Algorithm: otpcore.SHA256, Digits: 10, Period: 3600},
	}
	for _, a := range cases {
		b := encodeAccount(a)
		if len(b)%padTo != 0 {
			t.Fatalf("%v: plaintext of %d bytes is not padded", a, len(b))
		}
		got, err := decodeAccount(b)
		if err != nil {
			t.Fatalf("%v: %v", a, err)
		}
		if got.String() != a.String() || !got.Secret.Equal(a.Secret) || got.Counter != a.Counter || got.Period != a.Period {
			t.Fatalf("round trip changed %v into %v", a, got)
		}
	}
	b := encodeAccount(cases[0])
	for _, bad := range [][]byte{nil, {9}, b[:10], append(append([]byte(nil), b[:len(b)-1]...), 1)} {
		if _, err := decodeAccount(bad); err == nil {
			t.Fatalf("decodeAccount(%d bytes of garbage) succeeded", len(bad))
		}
	}
}

func TestItemTooLarge(t *testing.T) {
	v, m, _ := memVault(t)
	a := totp("big")
	a.Issuer = strings.Repeat("I", 2000)
	_, err := v.Add("Huge", a)
	if !errors.Is(err, ErrItemTooLarge) || !strings.Contains(err.Error(), `"Huge"`) {
		t.Fatalf("Add of a 2 KB issuer = %v, want ErrItemTooLarge naming the account", err)
	}
	if len(accountIDs(m)) != 0 || len(names(t, v)) != 0 {
		t.Fatal("a refused Add left something behind")
	}
	a.Issuer = strings.Repeat("I", 1500) // still fits: 1,920 bytes raw
	mustAdd(t, v, "Large", a)
}

func TestLockZeroesSecrets(t *testing.T) {
	v, _, _ := memVault(t)
	e := mustAdd(t, v, "Bank", totp("bank"))
	held := v.accts[e.ID].acc.Secret // the vault's own copy
	key := v.key
	if !held.Equal(testSecret("bank")) {
		t.Fatal("test setup: the vault does not hold the secret")
	}
	v.Lock()
	for _, b := range append(held.Bytes(), key...) {
		if b != 0 {
			t.Fatal("Lock left key or secret bytes in memory")
		}
	}
	if !e.Account.Secret.Equal(testSecret("bank")) {
		t.Fatal("Lock wiped the clone handed to the caller")
	}
}

func TestProfilesAndStores(t *testing.T) {
	home := t.TempDir()
	for _, p := range []string{"bob", "alice"} {
		v, err := Open(Options{Home: home, Profile: p, Store: StoreFile, KDF: seal.Cheap})
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Init(pw, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(home, "profiles", "empty"), 0o700); err != nil {
		t.Fatal(err)
	}
	got, err := Profiles(home)
	if err != nil || !slices.Equal(got, []string{"alice", "bob"}) {
		t.Fatalf("Profiles = %q, %v; want [alice bob]", got, err)
	}
	if got, err := Profiles(filepath.Join(home, "none")); err != nil || len(got) != 0 {
		t.Fatalf("Profiles of an empty home = %q, %v", got, err)
	}
	if _, err := Open(Options{Home: home, Profile: "bob", Store: StoreKeyring}); !errors.Is(err, ErrStoreMismatch) || !strings.Contains(err.Error(), "--store file") {
		t.Fatalf("Open with the other store = %v, want ErrStoreMismatch naming --store file", err)
	}
	v, err := Open(Options{Home: home, Profile: "bob"})
	if err != nil || v.StoreKind() != StoreFile {
		t.Fatalf("Open without a store = %v, %v; want the profile's file store", v, err)
	}
	for _, bad := range []string{"", ".hidden", "a/b", "../x", strings.Repeat("p", 65), "sp ace"} {
		if err := ValidProfile(bad); !errors.Is(err, ErrBadProfile) {
			t.Errorf("ValidProfile(%q) = %v, want ErrBadProfile", bad, err)
		}
	}
	if _, err := Open(Options{Home: home, Profile: "../x"}); !errors.Is(err, ErrBadProfile) {
		t.Fatalf("Open(../x) = %v", err)
	}
	if serviceName(home, "a") == serviceName(home+"2", "a") || serviceName(home, "a") == serviceName(home, "b") {
		t.Fatal("two homes or two profiles share a keychain service")
	}
	h, err := DefaultHome(func(k string) string { return map[string]string{"AUTHDESK_HOME": "rel/dir"}[k] })
	if err != nil || !filepath.IsAbs(h) || !strings.HasSuffix(h, filepath.Join("rel", "dir")) {
		t.Fatalf("DefaultHome with AUTHDESK_HOME = %q, %v", h, err)
	}
}

func TestTwoHandlesSeeEachOther(t *testing.T) {
	gui, _, opts := memVault(t)
	cli := reopen(t, opts)
	if err := cli.Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
	a := mustAdd(t, gui, "Bank", totp("bank"))
	mustAdd(t, cli, "VPN", totp("vpn"))
	if err := gui.Rename(a.ID, "Bank 2"); err != nil {
		t.Fatal(err)
	}
	for _, v := range []*Vault{gui, cli} {
		if got := names(t, v); !slices.Equal(got, []string{"Bank 2", "VPN"}) {
			t.Fatalf("a handle sees %q, want both changes", got)
		}
	}
	if _, err := cli.Add("bank 2", totp("x")); !errors.Is(err, ErrDuplicateName) {
		t.Fatalf("duplicate across handles = %v", err)
	}
	// A password change by one handle does not undo the other's later writes.
	if err := cli.ChangePassword(pw, []byte("new")); err != nil {
		t.Fatal(err)
	}
	// The other handle's key is gone with the old one: it locks, and opens
	// with the new password.
	if _, err := gui.Add("Mail", totp("mail")); !errors.Is(err, ErrLocked) || !gui.Locked() {
		t.Fatalf("Add through a handle after another changed the password = %v, want ErrLocked", err)
	}
	if err := gui.Unlock([]byte("new"), t0); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, gui, "Mail", totp("mail"))
	v := reopen(t, opts)
	if err := v.Unlock([]byte("new"), t0); err != nil {
		t.Fatalf("the new password after another handle's write: %v", err)
	}
	if got := names(t, v); len(got) != 3 {
		t.Fatalf("after restart %q, want 3 accounts", got)
	}
}
