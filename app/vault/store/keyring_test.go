package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func needKeyring(t testing.TB) {
	t.Helper()
	if os.Getenv("AUTHDESK_TEST_KEYRING") != "1" {
		t.Skip("needs a real Secret Service: run through scripts/in-session.sh (make test) which sets AUTHDESK_TEST_KEYRING=1")
	}
}

// TestKeyringRawItem reads the item back with secret-tool, as another
// process would: the keychain holds the Base64 text of the sealed blob
// under the service and id, and nothing else.
func TestKeyringRawItem(t *testing.T) {
	needKeyring(t)
	k := NewKeyring("authdesk-test/raw")
	t.Cleanup(func() { _ = k.Clear() })
	if err := k.Put("item1", []byte("sealed-bytes")); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("secret-tool", "lookup", "service", k.Service(), "username", "item1").Output()
	if err != nil {
		t.Fatalf("secret-tool lookup: %v", err)
	}
	if got, want := strings.TrimSpace(string(out)), Encode([]byte("sealed-bytes")); got != want {
		t.Fatalf("secret-tool reads %q, want %q", got, want)
	}
}

func TestKeyringGetMany(t *testing.T) {
	needKeyring(t)
	k := NewKeyring("authdesk-test/many")
	t.Cleanup(func() { _ = k.Clear() })
	other := NewKeyring("authdesk-test/many-other")
	t.Cleanup(func() { _ = other.Clear() })
	for _, id := range []string{"a", "b", "c"} {
		if err := k.Put(id, []byte("blob "+id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := other.Put("x", []byte("not mine")); err != nil {
		t.Fatal(err)
	}
	blobs, errs := k.GetMany([]string{"c", "x", "a"})
	if string(blobs[0]) != "blob c" || string(blobs[2]) != "blob a" || errs[0] != nil || errs[2] != nil {
		t.Fatalf("GetMany = %q, %v", blobs, errs)
	}
	if !errors.Is(errs[1], ErrNotFound) {
		t.Fatalf("an item of another service = %v, want ErrNotFound", errs[1])
	}
}

// TestKeyringNoService runs a child whose session bus address points to a
// socket nobody listens on.
func TestKeyringNoService(t *testing.T) {
	if os.Getenv("AUTHDESK_STORE_CHILD") == "noservice" {
		k := NewKeyring("authdesk-test/none")
		err := k.Put("a", []byte("x"))
		_, errs := k.GetMany([]string{"a", "b"})
		fmt.Printf("noservice=%v probe=%v many=%v\n", errors.Is(err, ErrNoService), errors.Is(k.Probe(), ErrNoService), errors.Is(errs[1], ErrNoService))
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKeyringNoService$")
	cmd.Env = append(os.Environ(), "AUTHDESK_STORE_CHILD=noservice",
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+t.TempDir()+"/dead.sock")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "noservice=true probe=true many=true") {
		t.Fatalf("child output %q, want both errors to be ErrNoService", out)
	}
}

func TestKeyringTimeout(t *testing.T) {
	k := &Keyring{service: "x", Timeout: 10 * time.Millisecond}
	err := k.call(func() error { time.Sleep(time.Second); return nil })
	if err == nil || !errors.Is(keyringErr("cannot read item a", err), ErrNoService) {
		t.Fatalf("a hung call = %v, want it mapped to ErrNoService", err)
	}
}

// BenchmarkKeyringPut and BenchmarkKeyringGet measure one item round trip
// against the real Secret Service (about 5 ms and 2 ms are expected).
func BenchmarkKeyringPut(b *testing.B) {
	needKeyring(b)
	k := NewKeyring("authdesk-test/bench")
	b.Cleanup(func() { _ = k.Clear() })
	blob := make([]byte, 200)
	for i := 0; i < b.N; i++ {
		if err := k.Put(fmt.Sprintf("i%d", i%50), blob); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeyringGet(b *testing.B) {
	needKeyring(b)
	k := NewKeyring("authdesk-test/bench")
	b.Cleanup(func() { _ = k.Clear() })
	if err := k.Put("i0", make([]byte, 200)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := k.Get("i0"); err != nil {
			b.Fatal(err)
		}
	}
}
