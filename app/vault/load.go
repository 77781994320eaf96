package vault

import (
	"errors"
	"fmt"
	"sync"

	"authdesk/app/vault/store"
)

// loadWorkers bounds the parallel reads of items by stores without a bulk
// read; bulkFrom is the number of items from which a store's bulk read
// (one pass over all the vault's items) is used instead.
const (
	loadWorkers = 8
	bulkFrom    = 8
)

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
	if bulk, ok := v.store.(store.Bulk); ok && len(ids) >= bulkFrom {
		blobs, errs := bulk.GetMany(ids)
		for i, id := range ids {
			var blob []byte
			if blobs != nil {
				blob = blobs[i]
			}
			results[i] = v.openLoaded(id, blob, errs[i])
		}
	} else {
		v.loadParallel(ids, results)
	}
	var fatal error
	for _, r := range results {
		if err := r.err; err != nil && !errors.Is(err, ErrItemMissing) && !errors.Is(err, ErrItemCorrupted) {
			fatal = err
			break
		}
	}
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

// loadParallel reads items one by one with a few workers.
func (v *Vault) loadParallel(ids []string, results []loaded) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(loadWorkers, len(ids)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				blob, err := v.store.Get(ids[i])
				results[i] = v.openLoaded(ids[i], blob, err)
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
}

// openLoaded turns the result of reading item id into a loaded account.
func (v *Vault) openLoaded(id string, blob []byte, err error) loaded {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return loaded{err: fmt.Errorf("%w from the %s store; delete the account and add it again", ErrItemMissing, v.kind)}
	case err != nil:
		return loaded{err: err}
	}
	acc, err := openAccount(v.hdr, v.sealer, id, blob)
	if err != nil {
		return loaded{err: fmt.Errorf("%w (it does not open with this vault's key); delete the account and add it again", ErrItemCorrupted)}
	}
	return loaded{acc: acc}
}
