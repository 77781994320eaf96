// Package store keeps the vault's sealed items: the OS keychain (Keyring:
// keyring.go is the only file that talks to go-keyring, with its Linux part
// keyring_dbus.go that maps Secret Service errors and reads many items at
// once), plain files (File, for machines without a keychain) and memory
// (Memory, for tests and fakes).
//
// # Contract
//
// A Store maps an item id (lower-case letters, digits and '-') to an opaque
// sealed blob of at most MaxItem bytes once encoded. Items hold only data
// that the vault has sealed already: a store never sees a secret, a name or
// a password. Put replaces an existing item; Delete of a missing item
// returns ErrNotFound. Every error wraps one of the sentinels below, so the
// caller can say what to do next:
//
//   - ErrNoService: no keychain answers (no Secret Service on the session
//     bus, no session bus, or no answer in time); the file store is the way out.
//   - ErrLocked: the keychain is locked and was not unlocked.
//   - ErrAccessDenied: the keychain or the file system refused access.
//   - ErrTooLarge: the item is over MaxItem (Windows' Credential Manager limit).
//   - ErrNotFound: no item with this id.
//   - ErrFailed: anything else the backend reported.
//
// Internal details of the backend are formatted with %v, never wrapped, so
// that they never become API.
//
// # Files
//
// WriteAtomic writes a file so that a crash leaves either the old or the new
// content: a temporary file in the same directory, fsync, rename, fsync of
// the directory. RemoveTemps removes the temporary files a crash left.
package store
