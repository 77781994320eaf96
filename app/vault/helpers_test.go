package vault

import (
	"crypto/sha1"
	"testing"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

var t0 = time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC)

var pw = []byte("correct horse battery")

// accountIDs lists the account items of a memory store, without the
// vault's own (generation and unlock-state mirrors).
func accountIDs(m *store.Memory) []string {
	var out []string
	for _, id := range m.IDs() {
		if !isMetaItem(id) {
			out = append(out, id)
		}
	}
	return out
}

// memVault creates an unlocked vault in a temporary home with a memory
// store and cheap KDF parameters.
func memVault(t *testing.T) (*Vault, *store.Memory, Options) {
	t.Helper()
	m := store.NewMemory()
	opts := Options{Home: t.TempDir(), Profile: "alice", KDF: seal.Cheap, Backend: m}
	v, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Init(pw, t0); err != nil {
		t.Fatal(err)
	}
	return v, m, opts
}

// reopen is a restart: a fresh handle on the same profile, locked.
func reopen(t *testing.T, opts Options) *Vault {
	t.Helper()
	v, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Locked() {
		t.Fatal("a fresh handle is unlocked")
	}
	return v
}

// testSecret derives a 20-byte key from a label, so tests know every
// secret without printing it.
func testSecret(label string) otpcore.Secret {
	s := sha1.Sum([]byte("authdesk test key " + label))
	return otpcore.Secret(s[:])
}

func totp(label string) otpcore.Account {
	return otpcore.NewAccount(otpcore.TOTP, label+"@example.com", "Example", testSecret(label))
}

func mustAdd(t *testing.T, v *Vault, name string, acc otpcore.Account) Entry {
	t.Helper()
	e, err := v.Add(name, acc)
	if err != nil {
		t.Fatalf("Add(%q): %v", name, err)
	}
	return e
}

// names lists the entry names in the order Entries gives them.
func names(t *testing.T, v *Vault) []string {
	t.Helper()
	es, err := v.Entries()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
		e.Account.Wipe()
	}
	return out
}
