package vault

import (
	"errors"
	"fmt"
	"testing"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

// bulkMemory is a memory store with a bulk read, like the keychain's, and
// a switch that makes the bulk read fail as a whole.
type bulkMemory struct {
	*store.Memory
	calls int
	fail  error
}

func (b *bulkMemory) GetMany(ids []string) ([][]byte, []error) {
	b.calls++
	errs := make([]error, len(ids))
	if b.fail != nil {
		for i := range errs {
			errs[i] = b.fail
		}
		return nil, errs
	}
	out := make([][]byte, len(ids))
	for i, id := range ids {
		out[i], errs[i] = b.Get(id)
	}
	return out, errs
}

func TestBulkLoad(t *testing.T) {
	b := &bulkMemory{Memory: store.NewMemory()}
	opts := Options{Home: t.TempDir(), KDF: seal.Cheap, Backend: b}
	v, _ := Open(opts)
	if err := v.Init(pw, t0); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 0; i < bulkFrom+2; i++ {
		ids = append(ids, mustAdd(t, v, fmt.Sprintf("A%d", i), totp(fmt.Sprint(i))).ID)
	}
	b.Memory.Corrupt(ids[1])
	if err := b.Memory.Delete(ids[2]); err != nil {
		t.Fatal(err)
	}
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
	if b.calls != 1 {
		t.Fatalf("%d bulk reads for one unlock, want 1", b.calls)
	}
	es, _ := v2.Entries()
	if !errors.Is(es[1].Err, ErrItemCorrupted) || !errors.Is(es[2].Err, ErrItemMissing) || es[0].Err != nil || es[3].Err != nil {
		t.Fatalf("entries after a bulk read: %v", es)
	}
	b.fail = store.ErrNoService
	v3 := reopen(t, opts)
	if err := v3.Unlock(pw, t0); !errors.Is(err, ErrNoSecretService) || !v3.Locked() {
		t.Fatalf("Unlock when the bulk read fails = %v, want ErrNoSecretService and locked", err)
	}
}
