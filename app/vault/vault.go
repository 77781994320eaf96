package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

// StoreKind names where the sealed accounts live.
type StoreKind string

// Store kinds.
const (
	StoreKeyring StoreKind = "keyring" // the OS keychain (the default)
	StoreFile    StoreKind = "file"    // files in the profile directory
)

// ParseStoreKind reads "keyring" or "file".
func ParseStoreKind(s string) (StoreKind, error) {
	switch k := StoreKind(s); k {
	case StoreKeyring, StoreFile:
		return k, nil
	}
	return "", fmt.Errorf("unknown store %q: use keyring or file", clip(s))
}

// Options say which vault to open.
type Options struct {
	// Home is the root of all state; "" is DefaultHome(os.Getenv).
	Home string
	// Profile is the profile name; "" is DefaultProfile.
	Profile string
	// Store is where the sealed accounts live. "" means the one the vault
	// was created with (keyring for a new vault); naming another one than
	// the vault's is ErrStoreMismatch.
	Store StoreKind
	// KDF overrides the Argon2id parameters of a new vault or a new
	// password (tests use seal.Cheap); the zero value is seal.Default.
	// Unlocking always uses the parameters stored in the vault.
	KDF seal.Params
	// Backend, when set, replaces the store chosen by Store (tests use a
	// *store.Memory; fakes for the GUI). It may be shared by several
	// profiles: Init does not clear it.
	Backend store.Store
	// Now is the clock for ChangePassword's failed-try count; nil is
	// time.Now. (Init and Unlock take the time as a parameter.)
	Now func() time.Time
}

// Entry is one account of the vault as the list shows it.
type Entry struct {
	ID      string          // stable id, never shown
	Name    string          // the person's name for it ("Bank token"), unique
	Pinned  bool            // shown first
	Account otpcore.Account // a clone: the caller wipes it when done
	// Err is set when the account's sealed item is missing or damaged
	// (wrapping ErrItemMissing or ErrItemCorrupted); Account is then empty.
	// The rest of the vault works; delete the account and add it again.
	Err error
}

// Vault is one profile's vault. It is safe for concurrent use; two
// processes on one profile are serialised by a lock file.
type Vault struct {
	mu       sync.Mutex
	dir      string
	kind     StoreKind
	store    store.Store
	ownStore bool // made by Open for this profile alone: Init may clear it
	kdf      seal.Params
	now      func() time.Time
	unlocked atomic.Bool

	// When unlocked:
	key    []byte       // the vault key
	sealer *seal.Sealer // its one AEAD for this unlock
	// mergeNote says what the last unlock merged of other PCs' copies.
	mergeNote string
	hdr       *header
	idx       *index
	accts     map[string]loaded // by item id
}

type loaded struct {
	acc otpcore.Account
	err error
}

// Open returns a locked handle on a profile's vault; it asks for no
// password and touches no keychain. The vault may not exist yet (Exists).
func Open(opts Options) (*Vault, error) {
	home := opts.Home
	if home == "" {
		var err error
		if home, err = DefaultHome(os.Getenv); err != nil {
			return nil, err
		}
	}
	profile := opts.Profile
	if profile == "" {
		profile = DefaultProfile
	}
	if err := ValidProfile(profile); err != nil {
		return nil, err
	}
	for _, d := range []string{home, filepath.Join(home, "profiles"), ProfileDir(home, profile)} {
		if err := checkPrivateDir(d); err != nil {
			return nil, err
		}
	}
	v := &Vault{dir: ProfileDir(home, profile), kdf: opts.KDF, now: opts.Now}
	if v.kdf == (seal.Params{}) {
		v.kdf = seal.Default
	}
	if err := v.kdf.Validate(); err != nil {
		return nil, err
	}
	if v.now == nil {
		v.now = time.Now
	}
	kind, err := portableStore(home, opts.Store) // portable: files (portable.go)
	if err != nil {
		return nil, err
	}
	h, err := readHeader(v.dir)
	switch {
	case err == nil:
		if kind != "" && kind != h.Store && opts.Backend == nil {
			return nil, fmt.Errorf("%w: profile %q keeps its accounts in the %s store, not the %s store; use --store %s",
				ErrStoreMismatch, profile, h.Store, kind, h.Store)
		}
		kind = h.Store
	case errors.Is(err, ErrNoVault):
		if kind == "" {
			kind = newProfileStore(home)
		}
	default:
		return nil, err
	}
	if _, err := ParseStoreKind(string(kind)); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	v.kind = kind
	switch {
	case opts.Backend != nil:
		v.store = opts.Backend
	case kind == StoreFile:
		v.store = store.NewFile(filepath.Join(v.dir, itemsDir))
	default:
		v.store = store.NewKeyring(serviceName(home, profile))
	}
	v.ownStore = opts.Backend == nil
	return v, nil
}

// Dir is the profile directory.
func (v *Vault) Dir() string { return v.dir }

// StoreKind is where the sealed accounts live.
func (v *Vault) StoreKind() StoreKind { return v.kind }

// Exists reports whether the profile has a vault.
func (v *Vault) Exists() bool {
	_, err := os.Stat(filepath.Join(v.dir, headerFile))
	return err == nil
}

// Locked reports whether the vault is locked. It never waits for an
// unlock in progress.
func (v *Vault) Locked() bool { return !v.unlocked.Load() }

// Init creates the vault with its password and leaves it unlocked. It
// checks the store first, so that a missing keychain is reported before
// anything is written.
func (v *Vault) Init(password []byte, now time.Time) error {
	if len(password) == 0 {
		return fmt.Errorf("%w: choose a password to lock the vault with", ErrEmptyPassword)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	release, err := lockProfile(v.dir)
	if err != nil {
		return err
	}
	defer release()
	if v.Exists() {
		return fmt.Errorf("%w: it opens with its password; to start over, delete %s", ErrExists, v.dir)
	}
	if err := v.store.Probe(); err != nil {
		return storeErr(err)
	}
	// Items left by an earlier vault of this profile can never be opened:
	// their vault key is gone with its header.
	if v.ownStore {
		if err := v.store.Clear(); err != nil {
			return storeErr(err)
		}
	}
	id, err := seal.Random(16)
	if err != nil {
		return err
	}
	key, err := seal.NewKey()
	if err != nil {
		return err
	}
	sealer, err := seal.NewSealer(key)
	if err != nil {
		seal.Wipe(key)
		return err
	}
	fail := func(err error) error {
		sealer.Wipe()
		seal.Wipe(key)
		return err
	}
	mk, err := seal.NewKey()
	if err != nil {
		return fail(err)
	}
	h := &header{Format: headerFormat, ID: fmt.Sprintf("%x", id), Store: v.kind, Created: now.UTC().Truncate(time.Second)}
	idx := &index{Gen: 1, MirrorKey: mk}
	if err := h.wrapKey(key, password, v.kdf); err != nil {
		return fail(err)
	}
	if err := h.sealIndex(sealer, idx); err != nil {
		return fail(err)
	}
	if err := v.resetUnlockState(h.ID); err != nil {
		return fail(err)
	}
	if err := writeHeader(v.dir, h); err != nil {
		return fail(err)
	}
	// Generation 1 may lack its mirror (see generation.go): a failure here
	// is repaired by the next save or unlock.
	_ = v.writeGeneration(h, idx)
	v.lockLocked()
	v.key, v.sealer, v.hdr, v.idx, v.accts = key, sealer, h, idx, map[string]loaded{}
	v.unlocked.Store(true)
	return nil
}

// Unlock opens the vault with its password at time now. A wrong password is
// ErrWrongPassword (and counts); while a wait is imposed the result is a
// *BackoffError and the password is not even tried. On success interrupted
// changes are cleaned up and every account is loaded; a missing or damaged
// account does not stop the unlock (see Entry.Err), a keychain that does
// not answer does.
func (v *Vault) Unlock(password []byte, now time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.lockLocked()
	o, err := v.openExclusive(password, now)
	if err != nil {
		return err
	}
	defer o.release()
	v.key, v.sealer, v.hdr, v.idx, v.accts = o.key, o.sealer, o.hdr, o.idx, map[string]loaded{}
	// Other PCs' copies first: the generation check then sees the merge.
	note, err := v.mergeConflicts()
	if err != nil {
		v.lockLocked()
		return err
	}
	v.mergeNote = note
	if err := v.openGenerations(); err != nil {
		v.lockLocked()
		return err
	}
	if err := v.cleanup(); err != nil {
		v.lockLocked()
		return err
	}
	if err := v.loadMissing(); err != nil {
		v.lockLocked()
		return err
	}
	v.unlocked.Store(true)
	return nil
}

// checkPassword applies the failed-try policy around unwrapping the vault
// key. The try is counted before the key derivation starts, so a process
// killed during it has spent the try; a right password resets the count.
// An empty password is refused before anything counts. The caller holds
// the profile lock.
func (v *Vault) checkPassword(password []byte, now time.Time) ([]byte, *header, error) {
	if len(password) == 0 {
		return nil, nil, fmt.Errorf("%w: type the vault's password", ErrEmptyPassword)
	}
	h, err := readHeader(v.dir)
	if err != nil {
		return nil, nil, err
	}
	st, err := v.loadUnlockState(h.ID, now)
	if err != nil {
		return nil, nil, err
	}
	if err := st.checkWait(now); err != nil {
		return nil, nil, err
	}
	counted := st
	ferr := counted.fail(now)
	if err := v.saveUnlockState(h.ID, counted); err != nil {
		return nil, nil, err
	}
	key, err := h.unwrapKey(password)
	if errors.Is(err, ErrWrongPassword) {
		return nil, nil, ferr
	}
	if err != nil {
		// Not the password's fault (a damaged file): the try is given back.
		if st.Failures == 0 {
			_ = v.resetUnlockState(h.ID)
		} else {
			_ = v.saveUnlockState(h.ID, st)
		}
		return nil, nil, err
	}
	if err := v.resetUnlockState(h.ID); err != nil {
		seal.Wipe(key)
		return nil, nil, err
	}
	return key, h, nil
}

// Lock drops the vault key and every decrypted secret, zeroing the bytes.
// Entries handed out before are clones: their holders wipe them.
func (v *Vault) Lock() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.lockLocked()
}

func (v *Vault) lockLocked() {
	v.unlocked.Store(false)
	seal.Wipe(v.key)
	v.key = nil
	v.sealer.Wipe()
	v.sealer = nil
	v.idx.wipe()
	for id, l := range v.accts {
		l.acc.Wipe()
		delete(v.accts, id)
	}
	v.accts, v.hdr, v.idx = nil, nil, nil
}

// Entries lists the accounts: pinned first, then in the person's order.
// Each Account is a clone the caller wipes. Changes made by another
// process are picked up.
func (v *Vault) Entries() ([]Entry, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.refresh(); err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(v.idx.Entries))
	for _, pinned := range []bool{true, false} {
		for _, e := range v.idx.Entries {
			if e.Pinned == pinned {
				out = append(out, v.entry(e))
			}
		}
	}
	return out, nil
}

// Find returns the account named name (compared without regard to case),
// or ErrUnknownAccount.
func (v *Vault) Find(name string) (Entry, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.refresh(); err != nil {
		return Entry{}, err
	}
	i := v.idx.byName(name)
	if i < 0 {
		return Entry{}, fmt.Errorf("%w named %q", ErrUnknownAccount, clip(name))
	}
	return v.entry(v.idx.Entries[i]), nil
}

func (v *Vault) entry(e indexEntry) Entry {
	out := Entry{ID: e.ID, Name: e.Name, Pinned: e.Pinned}
	l := v.accts[e.ID]
	if l.err != nil {
		out.Err = fmt.Errorf("account %q: %w", clip(e.Name), l.err)
		return out
	}
	out.Account = l.acc.Clone()
	if out.Account.Type == otpcore.HOTP {
		out.Account.Counter = e.Counter
	}
	return out
}

// refresh re-reads the header when another process changed it, and loads
// the accounts it does not hold yet. The caller holds v.mu.
func (v *Vault) refresh() error {
	if v.key == nil {
		return fmt.Errorf("%w: unlock it with its password first", ErrLocked)
	}
	h, err := readHeader(v.dir)
	if err != nil {
		return err
	}
	if h.ID != v.hdr.ID {
		v.lockLocked()
		return fmt.Errorf("%w: the vault was replaced; unlock it again", ErrLocked)
	}
	if string(h.Index) == string(v.hdr.Index) {
		v.hdr = h // the key may have been rewrapped by a password change
		return nil
	}
	idx, err := h.openIndex(v.sealer)
	if err != nil {
		if !bytes.Equal(h.Key, v.hdr.Key) {
			// Another authdesk changed the password, and with it the key.
			v.lockLocked()
			return fmt.Errorf("%w: its password was changed meanwhile; unlock it with the new password", ErrLocked)
		}
		return err
	}
	v.idx.wipe()
	v.hdr, v.idx = h, idx
	keep := map[string]bool{}
	for _, e := range idx.Entries {
		keep[e.ID] = true
	}
	for id, l := range v.accts {
		if !keep[id] {
			l.acc.Wipe()
			delete(v.accts, id)
		}
	}
	return v.loadMissing()
}
