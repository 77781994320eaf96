package otpcore

import "errors"

// Sentinel errors. Functions of this package wrap them with context that
// names the bad field and what to do; match them with errors.Is.
var (
	// ErrScheme: the text is not an otpauth:// URI.
	ErrScheme = errors.New("not an otpauth:// link")
	// ErrType: the URI's type is not totp, hotp or steam.
	ErrType = errors.New("unknown OTP type")
	// ErrLabel: the account label cannot be read.
	ErrLabel = errors.New("bad account label")
	// ErrSecret: the secret (key) is missing or cannot be decoded.
	ErrSecret = errors.New("bad secret key")
	// ErrAlgorithm: the hash algorithm is not SHA1, SHA256 or SHA512.
	ErrAlgorithm = errors.New("unsupported algorithm")
	// ErrDigits: the number of digits is out of range.
	ErrDigits = errors.New("bad number of digits")
	// ErrPeriod: the TOTP period is out of range.
	ErrPeriod = errors.New("bad period")
	// ErrCounter: the HOTP counter is not a non-negative integer.
	ErrCounter = errors.New("bad counter")
	// ErrParameter: the query string is malformed or a parameter repeats
	// with different values.
	ErrParameter = errors.New("bad parameter")
	// ErrMigration: an otpauth-migration:// payload cannot be decoded.
	ErrMigration = errors.New("bad Google Authenticator export")
	// ErrNotOTP: the text is readable but holds no authenticator key
	// (a web link, plain text).
	ErrNotOTP = errors.New("not an authenticator key")
	// ErrTime: a time before 1970 was given for a TOTP code.
	ErrTime = errors.New("time before 1970")
)
