// Package otpcore is the pure logic of authdesk: the account model,
// otpauth:// URIs, secret decoding, HOTP/TOTP/Steam code generation and
// Google Authenticator migration payloads.
//
// # Boundaries
//
// otpcore does no I/O beyond an io.Reader handed to it, reads no clock and
// depends on no GUI or keychain package; it builds with CGO_ENABLED=0.
// Every function that needs the time takes it as a time.Time.
//
// # Secrets
//
// A secret is held as a [Secret] (raw bytes). Its String, GoString and Format
// methods never print the bytes, and no error of this package quotes a
// secret or a URI that holds one. The only ways to get a secret out as text
// are the explicit export functions [Secret.Base32] and [Account.ExportURI].
//
// # Errors
//
// Parsing errors wrap one of the sentinel errors (ErrScheme, ErrType,
// ErrLabel, ErrSecret, ErrAlgorithm, ErrDigits, ErrPeriod, ErrCounter,
// ErrParameter, ErrMigration, ErrNotOTP) with context that names the bad
// field; test them with errors.Is.
package otpcore
