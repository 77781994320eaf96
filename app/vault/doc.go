// Package vault keeps a profile's authenticator accounts sealed in the OS
// keychain (or in files) behind a cryptographic app lock.
//
// # Using it
//
//	v, err := vault.Open(vault.Options{Home: home, Profile: "alice", Store: vault.StoreKeyring})
//	if !v.Exists() { err = v.Init(password, now) } else { err = v.Unlock(password, now) }
//	entries, err := v.Entries() // pinned first, then the person's order; clones to wipe
//	e, err := v.Add("Bank token", acc)
//	err = v.Rename(e.ID, "Bank")
//	err = v.SetCounter(e.ID, 42) // HOTP
//	err = v.SetPinned(e.ID, true)
//	err = v.Reorder([]string{id2, id1})
//	err = v.Delete(e.ID)
//	err = v.ChangePassword(oldPw, newPw)
//	v.Lock()
//
// The API in full:
//
//	type StoreKind string // StoreKeyring "keyring" | StoreFile "file"
//	type Options struct { Home, Profile string; Store StoreKind; KDF seal.Params; Backend store.Store; Now func() time.Time }
//	func ParseStoreKind(s string) (StoreKind, error)
//	type Entry struct { ID, Name string; Pinned bool; Account otpcore.Account; Err error }
//	func DefaultHome(getenv func(string) string) (string, error)
//	func Profiles(home string) ([]string, error)
//	func ProfileDir(home, profile string) string
//	func Open(opts Options) (*Vault, error)
//	func (v *Vault) Exists() bool
//	func (v *Vault) Init(password []byte, now time.Time) error
//	func (v *Vault) Unlock(password []byte, now time.Time) error
//	func (v *Vault) Lock()
//	func (v *Vault) Locked() bool
//	func (v *Vault) Entries() ([]Entry, error)
//	func (v *Vault) Find(name string) (Entry, error)
//	func (v *Vault) Add(name string, acc otpcore.Account) (Entry, error)
//	func (v *Vault) Rename(id, newName string) error
//	func (v *Vault) Delete(id string) error
//	func (v *Vault) SetCounter(id string, counter uint64) error
//	func (v *Vault) SetPinned(id string, pinned bool) error
//	func (v *Vault) Reorder(ids []string) error
//	func (v *Vault) ChangePassword(oldPw, newPw []byte) error
//	func (v *Vault) VerifyPassword(password []byte, now time.Time) error
//	func (v *Vault) StoreKind() StoreKind
//	func (v *Vault) Dir() string
//
// A Vault is safe for concurrent use. Passwords are []byte: the vault never
// keeps them; the caller wipes its own copy. Entries and Add return clones
// of the accounts that the caller wipes (Account.Wipe) when done; Lock
// zeroes the vault key and the vault's own decrypted accounts.
//
// # Key hierarchy
//
// The password goes through Argon2id (a random salt per vault; the
// parameters are stored beside it, seal.Default by default: about 0.5 s on
// the reference machine) to a key-encryption key that opens the random
// 256-bit vault key (XChaCha20-Poly1305). Each account is sealed with the
// vault key and its item id as associated data before it reaches the store.
// The key wrap's associated data binds every field of vault.json (format,
// vault id, store, creation time, KDF parameters, salt): an edited header
// does not open. Changing the password makes a new vault key and seals
// every account again under new item ids (passwd.go). The index also holds
// the profile's settings (Prefs), so that they are sealed too. See package
// seal.
//
// # Rollback
//
// Every commit of the index raises a generation counter, mirrored in a
// sealed item of the store (generation.go). An unlock refuses an index
// older than the mirror (ErrRollback): an old vault.json put back would
// bring back deleted accounts, old HOTP counters, looser settings or an
// old password. AcceptRestored is the way out for a person restoring their
// own copy. Format 1 vaults (authdesk 0.1) are rewritten as format 2 at
// their first unlock.
//
// # Where things live
//
//	HOME/profiles/PROFILE/vault.json   KDF params, salt, wrapped vault key, sealed index (names, order, pins, HOTP counters)
//	HOME/profiles/PROFILE/unlock.json  failed-unlock count and wait (no secret)
//	HOME/profiles/PROFILE/items/       the file store: ID.sealed, one per account
//	keychain: service "authdesk/NS/PROFILE", user = item id, one item per account
//	store item generation-VAULTID      the sealed generation mirror
//	store item unlock-VAULTID          the mirror of unlock.json (no secret)
//
// HOME is AUTHDESK_HOME or the user config dir's authdesk folder; NS is a
// short hash of HOME, so relocated homes never share keychain items. The
// keychain cannot list items, so the sealed index in vault.json is the
// record of which items belong to the vault. No name, secret or password is
// readable in any of these places without the password.
//
// # Crash safety
//
// vault.json is the commit point and is replaced atomically (temp, fsync,
// rename, fsync dir). An item is stored before the index names it and
// deleted after the index stopped naming it; in between it is listed in the
// index's trash, and the next unlock deletes what the trash lists. A kill
// at any instant leaves a vault that opens with every completed change and
// the one in flight whole or absent. Rename, pin, reorder, counter and
// password changes are one atomic write each. Two processes on one profile
// (the GUI and the CLI) are serialised by a lock file and pick up each
// other's changes.
//
// # Failed unlocks
//
// FreeTries wrong passwords in a row cost nothing; each further one
// imposes a wait that doubles from FirstWait up to MaxWait, kept in
// unlock.json and its mirror in the store across restarts. A try is
// counted before the key derivation starts (a killed process has spent
// it) and given back by the right password; an empty password is refused
// before anything counts; a damaged or negative count is the longest wait. During a wait Unlock returns a
// *BackoffError (errors.Is ErrBackoff) without trying the password; the
// wrong password that starts a wait returns a *BackoffError that is also
// ErrWrongPassword. Time is a parameter of Unlock.
//
// # Errors
//
// Every error wraps a sentinel of errors.go, matched with errors.Is:
// ErrWrongPassword, ErrBackoff, ErrLocked, ErrNoVault, ErrExists,
// ErrDuplicateName, ErrUnknownAccount, ErrBadName, ErrEmptyPassword, and
// for the keychain ErrNoSecretService (with advice to use the file store;
// authdesk never falls back to it silently), ErrKeychainLocked,
// ErrAccessDenied, ErrItemTooLarge. A missing or damaged account item
// (ErrItemMissing, ErrItemCorrupted) does not stop the unlock: the entry
// carries it in Entry.Err and names the account. No error holds a secret,
// a code or a password.
package vault
