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
	if !v.Exists() {
		return fmt.Errorf("%w: create it first (authdesk vault init)", ErrNoVault)
	}
	release, err := lockProfile(v.dir)
	if err != nil {
		return err
	}
	defer release()
	key, _, err := v.checkPassword(password, now)
	if err != nil {
		return err
	}
	seal.Wipe(key)
	return nil
}
