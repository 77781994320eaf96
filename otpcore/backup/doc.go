// Package backup reads and writes authdesk backups: a vault's accounts with
// their names, order and pins, sealed with a password so that the file can
// sit on a USB stick or in the cloud.
//
// # Format
//
// A backup is a JSON object (the header) holding the key-derivation
// parameters, the salt, the nonce and the ciphertext:
//
//	{"format":"authdesk-backup","version":1,
//	 "kdf":{"alg":"argon2id","salt":B64,"time":6,"memory_kib":131072,"threads":2},
//	 "cipher":{"alg":"aes-256-gcm","nonce":B64},
//	 "ciphertext":B64}
//
// key = Argon2id(password, salt, time, memory_kib, threads, 32 bytes);
// plaintext = AES-256-GCM-Open(key, nonce, ciphertext, associated data
// "authdesk-backup/v1"). The plaintext is versioned JSON: the accounts in
// the vault's order, each with its name, pin, fields, Base32 secret and
// otpauth URI. docs/backup-format.md describes every field and gives a
// recipe to decrypt a backup with standard tools, so that nobody is locked
// in. A fresh salt per backup makes a fresh key, so a random 96-bit nonce
// is never reused.
//
// # API
//
//	func Seal(entries []Entry, password []byte, p Params, now time.Time) ([]byte, error)
//	func Open(data, password []byte) (Contents, error)
//	func Is(data []byte) bool
//
// The caller writes the bytes atomically (temp file, fsync, rename).
//
// # Errors
//
// ErrFormat (not a backup, damaged header), ErrVersion (made by a newer
// authdesk), ErrParams (the KDF parameters are out of bounds: a tampered
// header cannot make Open allocate gigabytes), ErrWrongPassword (the
// password does not open it, or the ciphertext was changed: AES-GCM cannot
// tell the two apart), ErrEmptyPassword. No error holds a secret or the
// password.
package backup
