package importer

import "errors"

// Sentinel errors. Import wraps them with context that says what to do;
// match them with errors.Is. On any of them nothing was imported.
var (
	// ErrUnknownFormat: the content is none of the formats this package
	// reads (or not the one --format named).
	ErrUnknownFormat = errors.New("unknown export format")
	// ErrPasswordNeeded: the export is encrypted and no password was given.
	ErrPasswordNeeded = errors.New("this export is encrypted: a password is needed")
	// ErrWrongPassword: the password does not open the export (for some
	// formats it may also have been changed since: AES-GCM cannot tell).
	ErrWrongPassword = errors.New("wrong password")
	// ErrDamaged: the export is truncated, tampered with or malformed.
	ErrDamaged = errors.New("the export is damaged")
	// ErrUnsupported: a recognised variant this package cannot read (an
	// encrypted Bitwarden export, a key slot kind without a password...).
	ErrUnsupported = errors.New("unsupported export")
	// ErrEmpty: the export holds no account at all.
	ErrEmpty = errors.New("the export holds no accounts")
	// ErrTooLarge: the input is larger than MaxSize.
	ErrTooLarge = errors.New("the file is too large for an export")
)
