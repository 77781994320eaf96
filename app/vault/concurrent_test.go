package vault

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentUse: the GUI's goroutines list, add and lock at once (run
// with -race). Every add that succeeded is there at the end.
func TestConcurrentUse(t *testing.T) {
	v, _, opts := memVault(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	added := map[string]bool{}
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				name := fmt.Sprintf("g%d-%d", g, i)
				_, err := v.Add(name, totp(name))
				switch {
				case err == nil:
					mu.Lock()
					added[name] = true
					mu.Unlock()
				case !errors.Is(err, ErrLocked):
					t.Errorf("Add: %v", err)
				}
				if es, err := v.Entries(); err == nil {
					for _, e := range es {
						e.Account.Wipe()
					}
				}
				_ = v.Locked()
				if g == 0 && i%3 == 0 {
					v.Lock()
					if err := v.Unlock(pw, t0); err != nil {
						t.Errorf("Unlock: %v", err)
					}
				}
			}
		}(g)
	}
	wg.Wait()
	v2 := reopen(t, opts)
	if err := v2.Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
	got := names(t, v2)
	if len(got) != len(added) {
		t.Fatalf("%d accounts after the run, %d adds succeeded", len(got), len(added))
	}
	for _, n := range got {
		if !added[n] {
			t.Fatalf("%q is in the vault but its add failed", n)
		}
	}
}
