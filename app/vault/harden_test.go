package vault

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

// readFile and writeFile copy vault.json as a person with the folder would.
func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestRollbackAfterPasswordChangeIsRefused: the old vault.json put back
// after passwd does not open with the old password, and the accounts added
// since are out of its reach.
func TestRollbackAfterPasswordChangeIsRefused(t *testing.T) {
	v, m, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	old := readFile(t, v.Dir(), headerFile)
	newPw := []byte("the new password")
	if err := v.ChangePassword(pw, newPw); err != nil {
		t.Fatal(err)
	}
	added := mustAdd(t, v, "VPN", totp("vpn"))
	v.Lock()

	writeFile(t, v.Dir(), headerFile, old)
	v2 := reopen(t, opts)
	err := v2.Unlock(pw, t0)
	if !errors.Is(err, ErrRollback) || !v2.Locked() {
		t.Fatalf("old vault.json with the old password = %v, want ErrRollback", err)
	}
	if !strings.Contains(err.Error(), "accept-restored") {
		t.Fatalf("the message %q does not name the way out", err)
	}
	// Even accepted, the old vault cannot read what was sealed since: the
	// vault key was rotated.
	if err := v2.AcceptRestored(pw, t0); err != nil {
		t.Fatal(err)
	}
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatalf("after accept-restored: %v", err)
	}
	if got := names(t, v2); !slices.Equal(got, []string{"Bank"}) {
		t.Fatalf("the restored vault shows %q", got)
	}
	h, _ := readHeader(v2.Dir())
	if _, err := openAccount(h, v2.sealer, added.ID, m.Raw(added.ID)); err == nil {
		t.Fatal("the old vault key opens an account added after the password change")
	}
}

// TestRollbackOfIndexIsRefused: an older vault.json of the same password
// would bring back a deleted account and an old HOTP counter.
func TestRollbackOfIndexIsRefused(t *testing.T) {
	for _, kind := range []string{"memory", "file"} {
		t.Run(kind, func(t *testing.T) {
			var v *Vault
			var opts Options
			if kind == "memory" {
				v, _, opts = memVault(t)
			} else {
				opts = Options{Home: t.TempDir(), Profile: "alice", Store: StoreFile, KDF: seal.Cheap}
				var err error
				if v, err = Open(opts); err != nil {
					t.Fatal(err)
				}
				if err := v.Init(pw, t0); err != nil {
					t.Fatal(err)
				}
			}
			e := mustAdd(t, v, "Bank", totp("bank"))
			old := readFile(t, v.Dir(), headerFile)
			if err := v.Delete(e.ID); err != nil {
				t.Fatal(err)
			}
			v.Lock()
			writeFile(t, v.Dir(), headerFile, old)
			if err := reopen(t, opts).Unlock(pw, t0); !errors.Is(err, ErrRollback) {
				t.Fatalf("an older vault.json = %v, want ErrRollback", err)
			}
			// The current file still opens: nothing was changed by the refusal.
			v.Lock()
		})
	}
}

// TestMirrorBehindAfterCrashIsRaised: vault.json is written before the
// mirror; a crash between them leaves the mirror behind, which is fine.
func TestMirrorBehindAfterCrashIsRaised(t *testing.T) {
	v, m, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	h, _ := readHeader(v.Dir())
	behind := m.Raw(v.generationItem(h.ID))
	mustAdd(t, v, "VPN", totp("vpn"))
	v.Lock()
	if err := m.Put(v.generationItem(h.ID), behind); err != nil {
		t.Fatal(err)
	}
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatalf("a mirror one behind: %v", err)
	}
	if string(m.Raw(v.generationItem(h.ID))) == string(behind) {
		t.Fatal("the unlock did not raise the mirror")
	}
}

// TestMissingMirrorIsRefused: deleting the mirror does not reopen the way
// to a rollback.
func TestMissingMirrorIsRefused(t *testing.T) {
	v, m, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	h, _ := readHeader(v.Dir())
	v.Lock()
	if err := m.Delete(v.generationItem(h.ID)); err != nil {
		t.Fatal(err)
	}
	if err := reopen(t, opts).Unlock(pw, t0); !errors.Is(err, ErrRollback) {
		t.Fatalf("unlock without the mirror = %v, want ErrRollback", err)
	}
}

// TestHeaderFieldsAreBound: editing store, format, created, KDF or salt in
// vault.json makes the vault refuse to open; nothing goes to another store.
func TestHeaderFieldsAreBound(t *testing.T) {
	edits := map[string]func(h map[string]any){
		"store":   func(h map[string]any) { h["store"] = "file" },
		"created": func(h map[string]any) { h["created"] = "2020-01-01T00:00:00Z" },
		"kdf":     func(h map[string]any) { h["kdf"].(map[string]any)["t"] = 2.0 },
		"id":      func(h map[string]any) { h["id"] = strings.Repeat("ab", 16) },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			home := t.TempDir()
			opts := Options{Home: home, Profile: "alice", Store: StoreKeyring, KDF: seal.Cheap, Backend: store.NewMemory()}
			v, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := v.Init(pw, t0); err != nil {
				t.Fatal(err)
			}
			v.Lock()
			var h map[string]any
			if err := json.Unmarshal(readFile(t, v.Dir(), headerFile), &h); err != nil {
				t.Fatal(err)
			}
			edit(h)
			b, _ := json.Marshal(h)
			writeFile(t, v.Dir(), headerFile, b)
			opts.Store = ""
			v2, err := Open(opts)
			if err != nil {
				return // refused at once
			}
			if err := v2.Unlock(pw, t0); err == nil {
				t.Fatalf("a vault.json with %s edited opens", name)
			}
		})
	}
}

// TestFormat1VaultIsUpgraded: a vault made by authdesk 0.1 opens, is saved
// as format 2 with a generation mirror, and its old file is then refused.
func TestFormat1VaultIsUpgraded(t *testing.T) {
	v, m, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	// Make it a format 1 vault: the key wrapped with format 1's associated
	// data, an index without generations, no mirror.
	h, _ := readHeader(v.Dir())
	idx := v.idx.clone()
	idx.Gen, idx.MirrorKey = 0, nil
	h.Format = headerFormat1
	if err := h.wrapKey(v.key, pw, seal.Cheap); err != nil {
		t.Fatal(err)
	}
	if err := h.sealIndex(v.sealer, idx); err != nil {
		t.Fatal(err)
	}
	if err := writeHeader(v.Dir(), h); err != nil {
		t.Fatal(err)
	}
	_ = m.Delete(v.generationItem(h.ID))
	v.Lock()
	v1file := readFile(t, v.Dir(), headerFile)

	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatalf("a format 1 vault: %v", err)
	}
	if got := names(t, v2); !slices.Equal(got, []string{"Bank"}) {
		t.Fatalf("after the upgrade: %q", got)
	}
	up, _ := readHeader(v2.Dir())
	if up.Format != headerFormat || m.Raw(v.generationItem(h.ID)) == nil {
		t.Fatalf("after the first unlock: format %d, mirror %v; want format %d and a mirror", up.Format, m.Raw(v.generationItem(h.ID)) != nil, headerFormat)
	}
	v2.Lock()
	writeFile(t, v2.Dir(), headerFile, v1file)
	if err := reopen(t, opts).Unlock(pw, t0); !errors.Is(err, ErrRollback) {
		t.Fatalf("the format 1 file put back = %v, want ErrRollback", err)
	}
}

// TestBackoffStateCannotBeForged: a negative or damaged count is the
// longest wait; deleting unlock.json does not reset the count (the store
// mirrors it); an empty password does not count.
func TestBackoffStateCannotBeForged(t *testing.T) {
	t.Run("negative", func(t *testing.T) {
		v, _, opts := memVault(t)
		v.Lock()
		writeFile(t, v.Dir(), unlockFile, []byte(`{"failures":-1000000}`))
		var be *BackoffError
		if err := reopen(t, opts).Unlock(pw, t0); !errors.As(err, &be) || be.Wait != MaxWait {
			t.Fatalf("a negative count = %v, want the longest wait", err)
		}
	})
	t.Run("damaged", func(t *testing.T) {
		v, _, opts := memVault(t)
		v.Lock()
		writeFile(t, v.Dir(), unlockFile, []byte(`{"failures":`))
		var be *BackoffError
		if err := reopen(t, opts).Unlock(pw, t0); !errors.As(err, &be) || be.Wait != MaxWait {
			t.Fatalf("a damaged count = %v, want the longest wait", err)
		}
		// The wait runs from the first read, not from every read.
		if err := reopen(t, opts).Unlock(pw, t0.Add(MaxWait)); err != nil {
			t.Fatalf("after the wait: %v", err)
		}
	})
	t.Run("deleted", func(t *testing.T) {
		v, _, opts := memVault(t)
		v.Lock()
		for i := range FreeTries {
			_ = reopen(t, opts).Unlock([]byte("guess"), t0.Add(time.Duration(i)*time.Second))
		}
		if err := os.Remove(filepath.Join(v.Dir(), unlockFile)); err != nil {
			t.Fatal(err)
		}
		if err := reopen(t, opts).Unlock(pw, t0.Add(10*time.Second)); !errors.Is(err, ErrBackoff) {
			t.Fatalf("with unlock.json deleted = %v, want the wait to stand", err)
		}
	})
	t.Run("empty password", func(t *testing.T) {
		v, _, opts := memVault(t)
		v.Lock()
		for range 2 * FreeTries {
			if err := reopen(t, opts).Unlock(nil, t0); !errors.Is(err, ErrEmptyPassword) {
				t.Fatalf("an empty password = %v, want ErrEmptyPassword", err)
			}
		}
		if err := reopen(t, opts).Unlock(pw, t0); err != nil {
			t.Fatalf("empty passwords counted: %v", err)
		}
	})
}

const killEnv = "AUTHDESK_TEST_KILL_HOME"

// TestKillDuringDerivationCounts: a process killed while the key is
// derived from a wrong password has spent its try. The child unlocks with
// the real (slow) KDF and is killed once it has started.
func TestKillDuringDerivationCounts(t *testing.T) {
	if home := os.Getenv(killEnv); home != "" {
		v, err := Open(Options{Home: home, Profile: "alice", Store: StoreFile})
		if err != nil {
			os.Exit(3)
		}
		fmt.Println("trying")
		_ = v.Unlock([]byte("a wrong guess"), time.Now())
		fmt.Println("finished")
		os.Exit(0)
	}
	home := t.TempDir()
	slow := seal.Params{Time: 8, Memory: 64 << 10, Threads: 1} // some hundreds of ms
	v, err := Open(Options{Home: home, Profile: "alice", Store: StoreFile, KDF: slow})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Init(pw, time.Now()); err != nil {
		t.Fatal(err)
	}
	v.Lock()
	for i := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringDerivationCounts$")
		cmd.Env = append(os.Environ(), killEnv+"="+home)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		sc.Scan() // "trying": the count is saved before the derivation starts
		time.Sleep(20 * time.Millisecond)
		_ = cmd.Process.Kill()
		finished := sc.Scan() && sc.Text() == "finished"
		_ = cmd.Wait()
		if finished {
			t.Skip("the derivation finished before the kill; the machine is too fast for this KDF")
		}
		st, ok, err := readUnlockFile(v.Dir())
		if err != nil || !ok || st.Failures != i+1 {
			t.Fatalf("after %d killed tries the count is %d (%v)", i+1, st.Failures, err)
		}
	}
}
