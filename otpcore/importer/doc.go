// Package importer reads other authenticator apps' exports and authdesk's
// own backups: bytes in, accounts out. It is pure (no I/O, no cgo).
//
// # API
//
//	func Import(data []byte, format Format, password []byte) (Result, error)
//	func Detect(data []byte) (Format, bool)
//	func NeedsPassword(data []byte, format Format) bool
//	func Formats() []Info
//	func ParseFormat(s string) (Format, error)
//	type Result struct { Format Format; Accounts []Entry; Skipped []Skipped; Notes []string }
//	type Entry struct { Name string; Account otpcore.Account; Group string; Pinned bool }
//	func (r *Result) Wipe()
//
// A UI reads the file, calls NeedsPassword to know whether to ask for a
// password, then Import (format Auto detects it from the content; a
// person's choice overrides it) and shows Result.Accounts for the person to
// choose from, with Result.Skipped and its reasons. Entry.Name is the
// suggested vault name: an authdesk backup's own name, otherwise "Issuer:
// account".
//
// # Formats
//
// One file per format, each documenting what it reads:
//
//   - authdesk: an authdesk backup (package backup; docs/backup-format.md).
//   - aegis: an Aegis vault, plain or encrypted (scrypt + AES-256-GCM
//     password slots, as documented in Aegis's docs/vault.md; slots made
//     before Aegis's fix of its issue #95 are also tried with the padded
//     password bytes of the time); groups of db
//     versions 2 (a name per entry) and 3 (uuids); favourites become pins.
//   - 2fas: a 2FAS backup, schema 2 to 4, plain or encrypted (PBKDF2-SHA256,
//     10,000 rounds, + AES-256-GCM); schema 2 has only TOTP.
//   - andotp: an andOTP JSON backup or an encrypted one, in the current
//     (PBKDF2-SHA1 with a stored iteration count) and the old (SHA-256 of
//     the password) format, tried in that order.
//   - bitwarden-json, bitwarden-csv: Bitwarden's unencrypted exports and
//     its password-protected JSON export (PBKDF2-SHA256 or Argon2id, HKDF,
//     AES-256-CBC + HMAC-SHA256); the TOTP field may be an otpauth:// link,
//     a steam:// link or a bare key.
//   - freeotp-plus: a FreeOTP+ JSON backup (keys as signed bytes; its HOTP
//     counters are kept as stored, see freeotp.go).
//   - proton: a Proton Authenticator JSON export, plain or with a password
//     (Argon2id at the format's fixed costs + AES-256-GCM).
//   - ente: Ente Auth's plain-text export (otpauth:// links with a
//     codeDisplay parameter: pins kept, trashed entries skipped), or its
//     encrypted JSON export (Argon2id at the file's costs, libsodium's
//     XChaCha20-Poly1305 secretstream, decrypted by secretstream.go).
//   - stratum: a Stratum (Authenticator Pro) backup, JSON or encrypted
//     (Argon2id + AES-256-GCM, or the legacy PBKDF2 + AES-CBC); 2FAGuard's
//     "Authenticator Pro" export is this format too.
//   - lastpass: a LastPass Authenticator JSON export (Android or iOS).
//   - keepass: a KeePass / KeePassXC database, KDBX 3.1 or 4 (AES-KDF or
//     Argon2d; not Argon2id, which the KDBX library cannot derive), read
//     by github.com/tobischo/gokeepasslib: the otp, TOTP Seed/Settings and
//     KeePass TimeOtp-* fields.
//   - keepassxc-csv: KeePassXC's CSV export (its TOTP column).
//   - uris: otpauth:// links, one a line.
//   - google: Google Authenticator export links (otpauth-migration://), one
//     a line, each expanded into its accounts. Their QR images are read by
//     app/scan, which expands them the same way.
//
// Entries a format marks as unsupported (mOTP, Yandex, MD5, a Steam entry
// of a format without Steam...) or that do not validate are listed in
// Result.Skipped with the reason, never dropped silently.
//
// # Errors
//
// Import returns an empty Result and an error wrapping a sentinel of
// errors.go: ErrUnknownFormat, ErrPasswordNeeded, ErrWrongPassword,
// ErrDamaged (truncated, tampered, malformed), ErrUnsupported (an
// account-restricted Bitwarden export, an Aegis vault without a password
// slot...),
// ErrEmpty, ErrTooLarge. Nothing is ever half imported. Key derivation
// costs read from a file are bounded before any work (scrypt 256 MiB,
// PBKDF2 5,000,000 rounds, Argon2id 1 GiB and 10 GiB-passes, see
// crypto.go), so a hostile file cannot take gigabytes or hours. No
// error or skipped reason quotes a key, a password or a line of the file.
//
// # Secrets
//
// The accounts' keys are otpcore.Secret values; call Result.Wipe when done.
// Decrypted plaintexts are zeroed after parsing (strings made from them by
// encoding/json cannot be).
package importer
