package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// Keyring keeps each sealed item as one OS keychain item (Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows) through
// go-keyring: service = the vault's service name, user = the item id,
// password = the Base64 text of the sealed blob. This file (with its
// platform parts keyring_dbus.go and keyring_other.go) is the only place of
// authdesk that talks to the keychain.
type Keyring struct {
	service string
	// Timeout bounds every call: a keychain that shows an unlock prompt
	// nobody answers, or a hung daemon, becomes ErrNoService instead of a
	// frozen app.
	Timeout time.Duration
}

// DefaultTimeout is the Keyring's Timeout unless changed.
const DefaultTimeout = 60 * time.Second

// probeID is an id no vault item uses: Probe looks it up.
const probeID = "probe"

// NewKeyring returns the keychain store of one vault.
func NewKeyring(service string) *Keyring {
	return &Keyring{service: service, Timeout: DefaultTimeout}
}

// Kind implements Store.
func (*Keyring) Kind() string { return "keyring" }

// Service is the keychain service name of the items.
func (k *Keyring) Service() string { return k.service }

// Get implements Store.
func (k *Keyring) Get(id string) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	var text string
	err := k.call(func() (err error) {
		text, err = keyring.Get(k.service, id)
		return err
	})
	if err != nil {
		return nil, keyringErr("cannot read item "+id, err)
	}
	return Decode(text)
}

// GetMany implements Bulk: on Linux it reads all the items of the vault in
// a few Secret Service calls instead of seven per item.
func (k *Keyring) GetMany(ids []string) ([][]byte, []error) {
	for _, id := range ids {
		if err := checkID(id); err != nil {
			errs := make([]error, len(ids))
			for i := range errs {
				errs[i] = err
			}
			return nil, errs
		}
	}
	return k.getMany(ids)
}

// Put implements Store.
func (k *Keyring) Put(id string, data []byte) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := checkSize(id, data); err != nil {
		return err
	}
	text := Encode(data)
	err := k.call(func() error { return keyring.Set(k.service, id, text) })
	if err != nil {
		return keyringErr("cannot write item "+id, err)
	}
	return nil
}

// Delete implements Store.
func (k *Keyring) Delete(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := k.call(func() error { return keyring.Delete(k.service, id) }); err != nil {
		return keyringErr("cannot delete item "+id, err)
	}
	return nil
}

// Probe implements Store: it looks up an item that does not exist.
func (k *Keyring) Probe() error {
	err := k.call(func() error {
		_, err := keyring.Get(k.service, probeID)
		return err
	})
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return keyringErr("cannot reach the keychain", err)
	}
	return nil
}

// Clear implements Store.
func (k *Keyring) Clear() error {
	if err := k.call(func() error { return keyring.DeleteAll(k.service) }); err != nil {
		return keyringErr("cannot clear the old items", err)
	}
	return nil
}

var errTimeout = errors.New("no answer")

// call runs f with the Timeout. A call that times out keeps running in the
// background (go-keyring cannot be cancelled) and its result is dropped.
func (k *Keyring) call(f func() error) error {
	if k.Timeout <= 0 {
		return f()
	}
	done := make(chan error, 1)
	go func() { done <- f() }()
	t := time.NewTimer(k.Timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return fmt.Errorf("%w in %v", errTimeout, k.Timeout)
	}
}

// keyringErr maps a go-keyring error to a sentinel of this package.
func keyringErr(what string, err error) error {
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return fmt.Errorf("%w: %s", ErrNotFound, what)
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%w: %s", ErrTooLarge, what)
	case errors.Is(err, errTimeout):
		return fmt.Errorf("%w: %s: the keychain did not answer (%v)", ErrNoService, what, err)
	}
	return fmt.Errorf("%w: %s: %v", classify(err), what, err)
}
