package vault

import (
	"errors"
	"strings"
	"testing"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

func TestWaitAfter(t *testing.T) {
	cases := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {4, 0}, // the free tries
		{5, 15 * time.Second}, // the wait starts after the fifth
		{6, 30 * time.Second},
		{7, time.Minute},
		{10, 8 * time.Minute},
		{11, 15 * time.Minute}, // capped
		{1000, 15 * time.Minute},
	}
	for _, c := range cases {
		if got := waitAfter(c.failures); got != c.want {
			t.Errorf("waitAfter(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

// TestBackoffAcrossRestart walks through what a person at the unlock screen
// sees, restarting the app in the middle of a wait.
func TestBackoffAcrossRestart(t *testing.T) {
	v, _, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	v.Lock()
	bad := []byte("guess")
	now := t0
	for i := 1; i <= 4; i++ {
		err := v.Unlock(bad, now)
		if !errors.Is(err, ErrWrongPassword) || errors.Is(err, ErrBackoff) {
			t.Fatalf("wrong try %d = %v, want ErrWrongPassword without a wait", i, err)
		}
		if !strings.Contains(err.Error(), "wrong password") {
			t.Fatalf("message %q does not say the password is wrong", err)
		}
		now = now.Add(time.Second)
	}
	err := v.Unlock(bad, now)
	var be *BackoffError
	if !errors.As(err, &be) || !errors.Is(err, ErrWrongPassword) || !errors.Is(err, ErrBackoff) || be.Wait != 15*time.Second {
		t.Fatalf("fifth wrong try = %v, want a wrong-password BackoffError of 15 s", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "wrong password") || !strings.Contains(msg, "wait 15 s") {
		t.Fatalf("message %q must say the password is wrong and how long to wait", msg)
	}

	// Restart during the wait: even the right password is not tried.
	v = reopen(t, opts)
	err = v.Unlock(pw, now.Add(10*time.Second))
	if !errors.As(err, &be) || errors.Is(err, ErrWrongPassword) || be.Wait != 5*time.Second || !v.Locked() {
		t.Fatalf("right password during the wait after a restart = %v, want a 5 s BackoffError and still locked", err)
	}
	if !strings.Contains(err.Error(), "wait 5 s") {
		t.Fatalf("message %q", err)
	}
	// A wrong password after the wait waits longer.
	now = now.Add(16 * time.Second)
	if err := v.Unlock(bad, now); !errors.As(err, &be) || be.Wait != 30*time.Second {
		t.Fatalf("sixth wrong try = %v, want a 30 s wait", err)
	}
	// A clock set back does not make the wait longer than MaxWait.
	if err := v.Unlock(pw, now.Add(-24*time.Hour)); !errors.As(err, &be) || be.Wait > MaxWait {
		t.Fatalf("clock set back: %v", err)
	}
	now = now.Add(31 * time.Second)
	if err := v.Unlock(pw, now); err != nil {
		t.Fatalf("right password after the wait: %v", err)
	}
	if got := names(t, v); len(got) != 1 {
		t.Fatalf("after unlock: %q", got)
	}
	// Success resets the count.
	v.Lock()
	err = v.Unlock(bad, now)
	if errors.Is(err, ErrBackoff) || !strings.Contains(err.Error(), "4 more tries") {
		t.Fatalf("first wrong try after a success = %v, want 4 more free tries", err)
	}
}

func TestChangePassword(t *testing.T) {
	v, m, opts := memVault(t)
	e := mustAdd(t, v, "Bank", totp("bank"))
	before := m.Raw(e.ID)
	want, _ := totp("bank").Code(t0)
	newPw := []byte("a new password")

	if err := v.ChangePassword([]byte("wrong"), newPw); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("ChangePassword with a wrong old password = %v", err)
	}
	if err := v.ChangePassword(pw, nil); !errors.Is(err, ErrEmptyPassword) {
		t.Fatalf("ChangePassword to an empty password = %v", err)
	}
	if err := v.ChangePassword(pw, newPw); err != nil {
		t.Fatal(err)
	}
	// The vault key was rotated: the account moved to a new item sealed
	// with the new key, and the old item is gone.
	if m.Raw(e.ID) != nil || len(accountIDs(m)) != 1 {
		t.Fatalf("after the change the store holds %d account items and the old one is %v; want one new item and no old one", len(accountIDs(m)), m.Raw(e.ID) != nil)
	}
	_ = before
	if v.Locked() {
		t.Fatal("ChangePassword locked an unlocked vault")
	}
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("the old password after the change = %v, want ErrWrongPassword", err)
	}
	if err := v2.Unlock(newPw, t0); err != nil {
		t.Fatalf("the new password: %v", err)
	}
	got, err := v2.Find("Bank")
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := got.Account.Code(t0); code != want {
		t.Fatalf("code after the change %s, want %s", code, want)
	}
	// A locked handle can change the password too (the CLI's passwd).
	v3 := reopen(t, opts)
	if err := v3.ChangePassword(newPw, pw); err != nil || !v3.Locked() {
		t.Fatalf("ChangePassword on a locked handle: %v (locked=%v)", err, v3.Locked())
	}
	if err := reopen(t, opts).Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedItems(t *testing.T) {
	v, m, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	gone := mustAdd(t, v, "VPN", totp("vpn"))
	bad := mustAdd(t, v, "Mail", totp("mail"))
	if err := m.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}
	m.Corrupt(bad.ID)
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatalf("Unlock with damaged items: %v; the rest must open", err)
	}
	es, err := v2.Entries()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		err  error
	}{{"Bank", nil}, {"VPN", ErrItemMissing}, {"Mail", ErrItemCorrupted}}
	for i, w := range want {
		e := es[i]
		if e.Name != w.name || !errors.Is(e.Err, w.err) {
			t.Fatalf("entry %d: %q, %v; want %q, %v", i, e.Name, e.Err, w.name, w.err)
		}
		if w.err != nil && (!strings.Contains(e.Err.Error(), `"`+w.name+`"`) || e.Account.Secret != nil) {
			t.Fatalf("the damaged entry's error %q must name the account and hold no account", e.Err)
		}
	}
	if c, _ := es[0].Account.Code(t0); c == "" {
		t.Fatal("the good account has no code")
	}
	// The person deletes the damaged ones; the vault is whole again.
	for _, e := range es[1:] {
		if err := v2.Delete(e.ID); err != nil {
			t.Fatalf("Delete of a damaged account: %v", err)
		}
	}
	if ids := accountIDs(m); len(ids) != 1 {
		t.Fatalf("items left: %v, want only Bank's", ids)
	}
}

func TestKeychainTrouble(t *testing.T) {
	cases := []struct {
		name string
		err  error
		hint string
	}{
		{"no secret service", store.ErrNoService, "--store file"},
		{"keychain locked", store.ErrLocked, "unlock the system keychain"},
		{"access denied", store.ErrAccessDenied, "allow authdesk"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := store.NewMemory()
			opts := Options{Home: t.TempDir(), Backend: m, KDF: seal.Cheap}
			v, _ := Open(opts)
			m.Fail = func(string, string) error { return c.err }
			err := v.Init(pw, t0)
			if !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.hint) {
				t.Fatalf("Init = %v, want %v with %q", err, c.err, c.hint)
			}
			if v.Exists() {
				t.Fatal("Init wrote a vault although the store failed")
			}
			m.Fail = nil
			if err := v.Init(pw, t0); err != nil {
				t.Fatal(err)
			}
			mustAdd(t, v, "Bank", totp("bank"))
			m.Fail = func(op, _ string) error {
				if op == "put" || op == "get" {
					return c.err
				}
				return nil
			}
			if _, err := v.Add("VPN", totp("vpn")); !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.hint) {
				t.Fatalf("Add = %v, want %v with %q", err, c.err, c.hint)
			}
			v2 := reopen(t, opts)
			if err := v2.Unlock(pw, t0); !errors.Is(err, c.err) || !v2.Locked() {
				t.Fatalf("Unlock while the store fails = %v, want %v and locked", err, c.err)
			}
			m.Fail = nil
			if err := v2.Unlock(pw, t0); err != nil {
				t.Fatal(err)
			}
			if got := names(t, v2); len(got) != 1 || got[0] != "Bank" {
				t.Fatalf("after the store recovered: %q, want [Bank]", got)
			}
		})
	}
}

// TestFailedPutLeavesNoOrphan: a put that fails while deletes fail too
// leaves the item in the trash; the next unlock removes it.
func TestFailedPutLeavesNoOrphan(t *testing.T) {
	v, m, opts := memVault(t)
	m.Fail = func(op, _ string) error {
		if op == "delete" {
			return store.ErrNoService
		}
		return nil
	}
	// Simulate a put that reached the keychain but reported failure.
	realFail := m.Fail
	puts := 0
	m.Fail = func(op, id string) error {
		if op == "put" {
			puts++
			return store.ErrNoService
		}
		return realFail(op, id)
	}
	if _, err := v.Add("Bank", totp("bank")); err == nil {
		t.Fatal("Add succeeded with a failing store")
	}
	if len(v.idx.Trash) != 1 {
		t.Fatalf("trash %v, want the item in flight", v.idx.Trash)
	}
	m.Fail = nil
	if err := m.Put(v.idx.Trash[0], []byte("as if stored")); err != nil {
		t.Fatal(err)
	}
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
	if ids := accountIDs(m); len(ids) != 0 || len(v2.idx.Trash) != 0 {
		t.Fatalf("after unlock: items %v, trash %v; want both empty", ids, v2.idx.Trash)
	}
}

func TestVerifyPassword(t *testing.T) {
	v, _, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	if err := v.VerifyPassword(pw, t0); err != nil || v.Locked() {
		t.Fatalf("VerifyPassword(right) = %v, locked %v; want nil and still unlocked", err, v.Locked())
	}
	for i := 0; i < FreeTries-1; i++ {
		if err := v.VerifyPassword([]byte("x"), t0); !errors.Is(err, ErrWrongPassword) {
			t.Fatalf("VerifyPassword(wrong) = %v", err)
		}
	}
	if v.Locked() {
		t.Fatal("a wrong VerifyPassword locked the vault")
	}
	// The tries count with Unlock's: the fifth wrong one starts a wait.
	l := reopen(t, opts)
	var be *BackoffError
	if err := l.Unlock([]byte("x"), t0); !errors.As(err, &be) {
		t.Fatalf("fifth wrong try, through Unlock = %v, want a wait", err)
	}
	if err := v.VerifyPassword(pw, t0.Add(time.Second)); !errors.Is(err, ErrBackoff) {
		t.Fatalf("VerifyPassword during the wait = %v", err)
	}
}

func TestInitDoesNotClearSharedBackend(t *testing.T) {
	v, m, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	opts.Profile = "bob"
	b := reopen(t, opts)
	if err := b.Init(pw, t0); err != nil {
		t.Fatal(err)
	}
	if len(accountIDs(m)) != 1 {
		t.Fatal("creating another profile on a shared backend removed alice's items")
	}
}
