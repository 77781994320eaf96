package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

func needKeyring(t testing.TB) {
	t.Helper()
	if os.Getenv("AUTHDESK_TEST_KEYRING") != "1" {
		t.Skip("needs a real Secret Service: run through scripts/in-session.sh (make test) which sets AUTHDESK_TEST_KEYRING=1")
	}
}

// keyringVault creates a vault in the real keychain, removed at the end.
func keyringVault(t testing.TB, profile string) (*Vault, Options) {
	t.Helper()
	home := t.TempDir()
	opts := Options{Home: home, Profile: profile, Store: StoreKeyring, KDF: seal.Cheap}
	v, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.NewKeyring(serviceName(home, profile)).Clear() })
	if err := v.Init(pw, t0); err != nil {
		t.Fatal(err)
	}
	return v, opts
}

// secretTool returns what another process reads from the keychain for a
// service: every item with its attributes and its secret.
func secretTool(t testing.TB, service string) []byte {
	t.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "--unlock", "service", service).CombinedOutput()
	if err != nil && len(out) != 0 {
		t.Fatalf("secret-tool: %v: %s", err, out)
	}
	return out
}

func TestKeyringVault(t *testing.T) {
	needKeyring(t)
	v, opts := keyringVault(t, "kr")
	mustAdd(t, v, "Bank", totp("bank"))
	vpn := mustAdd(t, v, "VPN", totp("vpn"))
	mail := mustAdd(t, v, "Mail", totp("mail"))
	for i := 0; i < bulkFrom; i++ { // enough for the bulk read
		mustAdd(t, v, fmt.Sprintf("Extra %d", i), totp(fmt.Sprint(i)))
	}
	svc := serviceName(opts.Home, opts.Profile)
	// One item per account, and the sealed generation mirror.
	if n := bytes.Count(secretTool(t, svc), []byte("secret = ")); n != 3+bulkFrom+1 {
		t.Fatalf("the keychain holds %d items for %d accounts and the generation", n, 3+bulkFrom)
	}
	if err := v.Delete(mail.ID); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(secretTool(t, svc), []byte("secret = ")); n != 2+bulkFrom+1 {
		t.Fatalf("after a delete the keychain holds %d items, want %d", n, 2+bulkFrom+1)
	}
	// Another process removes VPN's item behind the vault's back.
	if out, err := exec.Command("secret-tool", "clear", "service", svc, "username", vpn.ID).CombinedOutput(); err != nil {
		t.Fatalf("secret-tool clear: %v %s", err, out)
	}
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatalf("Unlock with a missing item: %v", err)
	}
	es, _ := v2.Entries()
	if len(es) != 2+bulkFrom || es[0].Err != nil || !errors.Is(es[1].Err, ErrItemMissing) || !strings.Contains(es[1].Err.Error(), `"VPN"`) {
		t.Fatalf("entries %v; want Bank fine and VPN named as missing", es)
	}
	for _, e := range es[2:] {
		if e.Err != nil || !e.Account.Secret.Equal(testSecret(strings.TrimPrefix(e.Name, "Extra "))) {
			t.Fatalf("%s: %v, or the wrong key", e.Name, e.Err)
		}
	}
	want, _ := totp("bank").Code(t0)
	if got, _ := es[0].Account.Code(t0); got != want {
		t.Fatalf("Bank's code from the keychain %s, want %s", got, want)
	}
}

// TestNoLeak adds known keys and looks for them, in every usual encoding,
// and for the password and the account names, in every file under
// AUTHDESK_HOME and in every keychain item as another process reads it.
func TestNoLeak(t *testing.T) {
	kinds := []StoreKind{StoreFile}
	if os.Getenv("AUTHDESK_TEST_KEYRING") == "1" {
		kinds = append(kinds, StoreKeyring)
	}
	for _, kind := range kinds {
		t.Run(string(kind), func(t *testing.T) {
			home := t.TempDir()
			opts := Options{Home: home, Profile: "leak", Store: kind, KDF: seal.Cheap}
			if kind == StoreKeyring {
				t.Cleanup(func() { _ = store.NewKeyring(serviceName(home, "leak")).Clear() })
			}
			v, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			password := []byte("Leak-Test-Password-7f3a")
			if err := v.Init(password, t0); err != nil {
				t.Fatal(err)
			}
			var needles [][]byte
			needles = append(needles, password, []byte("Unusual Account Name"), []byte("leakissuer"))
			for i, size := range []int{10, 20, 32, 64} {
				sec := make([]byte, size)
				rand.Read(sec)
				acc := otpcore.NewAccount(otpcore.TOTP, "leakuser", "leakissuer", otpcore.Secret(sec))
				mustAdd(t, v, fmt.Sprintf("Unusual Account Name %d", i), acc)
				b32 := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sec)
				h := hex.EncodeToString(sec)
				needles = append(needles, sec, []byte(b32), []byte(strings.ToLower(b32)), []byte(h), []byte(strings.ToUpper(h)),
					[]byte(base64.StdEncoding.EncodeToString(sec)), []byte(base64.RawURLEncoding.EncodeToString(sec)))
			}
			if err := v.ChangePassword(password, []byte("Leak-Second-Password-99")); err != nil {
				t.Fatal(err)
			}
			needles = append(needles, []byte("Leak-Second-Password-99"))
			var blobs []struct {
				where string
				b     []byte
			}
			files := 0
			filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := os.ReadFile(p)
					blobs = append(blobs, struct {
						where string
						b     []byte
					}{p, b})
					files++
				}
				return nil
			})
			if kind == StoreFile && files < 5 {
				t.Fatalf("only %d files under the home; the scan would prove nothing", files)
			}
			if kind == StoreKeyring {
				raw := secretTool(t, serviceName(home, "leak"))
				// 4 accounts and the sealed generation mirror.
				if bytes.Count(raw, []byte("secret = ")) != 5 {
					t.Fatalf("secret-tool shows %q, want 5 items", raw)
				}
				blobs = append(blobs, struct {
					where string
					b     []byte
				}{"the keychain", raw})
			}
			for _, blob := range blobs {
				for i, n := range needles {
					if bytes.Contains(blob.b, n) {
						t.Errorf("%s holds needle %d (a key, the password or a name) in the clear", blob.where, i)
					}
				}
			}
		})
	}
}

// BenchmarkUnlock500Keyring measures an unlock plus the load of 500
// accounts from the real keychain. The KDF is the cheap one, so the figure
// is what the keychain adds; seal's BenchmarkDeriveDefault measures the
// KDF (about 0.5 s). Setting up 500 items takes a while.
func BenchmarkUnlock500Keyring(b *testing.B) {
	needKeyring(b)
	v, opts := keyringVault(b, "bench")
	start := time.Now()
	for i := 0; i < 500; i++ {
		if _, err := v.Add(fmt.Sprintf("Account %03d", i), totp(fmt.Sprint(i))); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("500 adds to the keychain: %v (%v each)", time.Since(start), time.Since(start)/500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v2, _ := Open(opts)
		if err := v2.Unlock(pw, t0); err != nil {
			b.Fatal(err)
		}
		es, _ := v2.Entries()
		if len(es) != 500 || es[499].Err != nil {
			b.Fatalf("%d entries", len(es))
		}
		v2.Lock()
	}
}
