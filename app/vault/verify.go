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
