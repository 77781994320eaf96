package importer

import (
	"errors"
	"fmt"

	"authdesk/otpcore/backup"
)

// parseAuthdesk opens an authdesk backup (package backup): the entries keep
// their vault names, order and pins.
func parseAuthdesk(data, password []byte, r *Result) error {
	if len(password) == 0 {
		return fmt.Errorf("%w: type the backup's password", ErrPasswordNeeded)
	}
	c, err := backup.Open(data, password)
	switch {
	case errors.Is(err, backup.ErrWrongPassword):
		return fmt.Errorf("%w: it does not open this authdesk backup (or the backup was changed since it was written)", ErrWrongPassword)
	case errors.Is(err, backup.ErrVersion), errors.Is(err, backup.ErrParams):
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	case err != nil:
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	for _, e := range c.Entries {
		r.add(Entry{Name: e.Name, Account: e.Account, Pinned: e.Pinned})
	}
	r.Skipped = append(r.Skipped, c.Skipped...)
	return nil
}
