package vault

import (
	"errors"
	"fmt"
	"sync"

	"authdesk/app/vault/store"
)

// loadWorkers bounds the parallel reads of items: the Secret Service
// answers several clients at once, and 500 accounts load in well under a
// second this way instead of about two.
const loadWorkers = 8

// loadMissing reads and opens the items of the index that are not loaded
// yet. A missing or damaged item is recorded against its account; a store
// that does not answer fails the whole load. The caller holds v.mu.
func (v *Vault) loadMissing() error {
	var ids []string
	for _, e := range v.idx.Entries {
		if _, ok := v.accts[e.ID]; !ok {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	results := make([]loaded, len(ids))
	var fatal error
	var once sync.Once
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(loadWorkers, len(ids)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = v.loadOne(ids[i])
				if err := results[i].err; err != nil && !errors.Is(err, ErrItemMissing) && !errors.Is(err, ErrItemCorrupted) {
					once.Do(func() { fatal = err })
				}
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	if fatal != nil {
		for _, r := range results {
			r.acc.Wipe()
		}
		return storeErr(fatal)
	}
	for i, id := range ids {
		v.accts[id] = results[i]
	}
	return nil
}

func (v *Vault) loadOne(id string) loaded {
	blob, err := v.store.Get(id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return loaded{err: fmt.Errorf("%w from the %s store; delete the account and add it again", ErrItemMissing, v.kind)}
	case err != nil:
		return loaded{err: err}
	}
	acc, err := openAccount(v.hdr, v.key, id, blob)
	if err != nil {
		return loaded{err: fmt.Errorf("%w (it does not open with this vault's key); delete the account and add it again", ErrItemCorrupted)}
	}
	return loaded{acc: acc}
}
