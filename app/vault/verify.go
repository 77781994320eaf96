package vault

import (
	"fmt"
	"time"

	"authdesk/app/vault/seal"
)

// VerifyPassword checks the password again before something sensitive
// (showing a key, exporting) without locking or reloading. A wrong
// password counts as a failed try, with the same backoff as Unlock.
func (v *Vault) VerifyPassword(password []byte, now time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	key, _, release, err := v.checkPasswordExclusive(password, now)
	if err != nil {
		return err
	}
	release()
	seal.Wipe(key)
	return nil
}

// opened is what openExclusive gives: the vault key, its AEAD, the header
// and the index, under the profile lock.
type opened struct {
	key     []byte
	sealer  *seal.Sealer
	hdr     *header
	idx     *index
	release func()
}

// wipe drops what o holds and releases the lock.
func (o *opened) wipe() {
	o.sealer.Wipe()
	seal.Wipe(o.key)
	o.idx.wipe()
	o.release()
}

// openExclusive checks the password (see checkPassword) under the profile
// lock and opens the index. On success the caller owns everything in the
// result: it either keeps it or calls wipe. The caller holds v.mu.
func (v *Vault) openExclusive(password []byte, now time.Time) (*opened, error) {
	key, h, release, err := v.checkPasswordExclusive(password, now)
	if err != nil {
		return nil, err
	}
	s, err := seal.NewSealer(key)
	if err != nil {
		seal.Wipe(key)
		release()
		return nil, err
	}
	idx, err := h.openIndex(s)
	if err != nil {
		s.Wipe()
		seal.Wipe(key)
		release()
		return nil, err
	}
	return &opened{key: key, sealer: s, hdr: h, idx: idx, release: release}, nil
}

// checkPasswordExclusive takes the profile lock and checks the password
// (see checkPassword). On success the caller holds the lock until it calls
// release, and wipes the key. The caller holds v.mu.
func (v *Vault) checkPasswordExclusive(password []byte, now time.Time) (key []byte, h *header, release func(), err error) {
	if !v.Exists() {
		return nil, nil, nil, fmt.Errorf("%w: create it first (authdesk vault init)", ErrNoVault)
	}
	release, err = lockProfile(v.dir)
	if err != nil {
		return nil, nil, nil, err
	}
	key, h, err = v.checkPassword(password, now)
	if err != nil {
		release()
		return nil, nil, nil, err
	}
	return key, h, release, nil
}
