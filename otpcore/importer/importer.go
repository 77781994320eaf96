package importer

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"authdesk/otpcore"
)

// Format names an export format. The zero value, Auto, detects it.
type Format string

// Formats read by Import.
const (
	Auto          Format = ""
	Authdesk      Format = "authdesk"       // an authdesk backup (package backup)
	Aegis         Format = "aegis"          // Aegis vault JSON, plain or encrypted
	TwoFAS        Format = "2fas"           // 2FAS .2fas, schema 2-4, plain or encrypted
	AndOTP        Format = "andotp"         // andOTP JSON, or its encrypted .bin (current and old format)
	BitwardenJSON Format = "bitwarden-json" // Bitwarden JSON export, unencrypted or password-protected
	BitwardenCSV  Format = "bitwarden-csv"  // Bitwarden CSV export
	FreeOTPPlus   Format = "freeotp-plus"   // FreeOTP+ JSON
	Proton        Format = "proton"         // Proton Authenticator JSON, plain or with a password
	Ente          Format = "ente"           // Ente Auth export: plain text, or encrypted JSON
	URIs          Format = "uris"           // a text file of otpauth:// links
	Google        Format = "google"         // Google Authenticator otpauth-migration:// links, one a line
	Stratum       Format = "stratum"        // Stratum / Authenticator Pro backup, plain or encrypted
	LastPass      Format = "lastpass"       // LastPass Authenticator JSON export
	KeePass       Format = "keepass"        // KeePass database (KDBX 3.1 or 4): otp and TOTP fields
	KeePassXCCSV  Format = "keepassxc-csv"  // KeePassXC CSV export
)

// MaxSize bounds the input of Import and Detect.
const MaxSize = 32 << 20

// Info describes a format for people choosing one.
type Info struct {
	Format Format
	Title  string // "Aegis (JSON, plain or encrypted)"
}

var infos = []Info{
	{Authdesk, "authdesk backup"},
	{Aegis, "Aegis vault (JSON, plain or encrypted)"},
	{TwoFAS, "2FAS backup (.2fas, plain or encrypted)"},
	{AndOTP, "andOTP backup (JSON, or encrypted .bin)"},
	{BitwardenJSON, "Bitwarden export (JSON, unencrypted or password-protected)"},
	{BitwardenCSV, "Bitwarden export (CSV)"},
	{FreeOTPPlus, "FreeOTP+ backup (JSON)"},
	{Proton, "Proton Authenticator export (JSON, plain or with a password)"},
	{Ente, "Ente Auth export (plain text, or encrypted JSON)"},
	{Stratum, "Stratum / Authenticator Pro backup (JSON, or encrypted .authpro)"},
	{LastPass, "LastPass Authenticator export (JSON)"},
	{KeePass, "KeePass / KeePassXC database (.kdbx)"},
	{KeePassXCCSV, "KeePassXC export (CSV)"},
	{URIs, "otpauth:// links, one a line"},
	{Google, "Google Authenticator export links (otpauth-migration://)"},
}

// Formats lists every format Import reads.
func Formats() []Info { return append([]Info(nil), infos...) }

// ParseFormat reads a format name as listed by Formats ("" or "auto" is Auto).
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "auto" {
		return Auto, nil
	}
	for _, i := range infos {
		if string(i.Format) == s {
			return i.Format, nil
		}
	}
	names := make([]string, len(infos))
	for i, in := range infos {
		names[i] = string(in.Format)
	}
	sort.Strings(names)
	return Auto, fmt.Errorf("%w %q: use one of %s", ErrUnknownFormat, clip(s), strings.Join(names, ", "))
}

// Entry is one imported account.
type Entry struct {
	// Name is the suggested name in the vault: an authdesk backup's own
	// name, otherwise the account's DisplayName ("Issuer: account").
	Name    string
	Account otpcore.Account
	Group   string // the source app's group, folder or first tag; "" if none
	Pinned  bool   // favourite or pinned in the source app
}

// Skipped is an entry of the export that was not imported, and why.
type Skipped = otpcore.Skipped

// Result is what an export holds.
type Result struct {
	Format   Format
	Accounts []Entry
	// Skipped lists unsupported or unreadable entries (mOTP, Yandex, a bad
	// key...), each with the reason; they are never dropped silently.
	Skipped []Skipped
	// Notes are sentences for the person about the whole file, such as a
	// Google Authenticator export of several codes with some missing.
	Notes []string
}

// Wipe zeroes every secret of the result.
func (r *Result) Wipe() {
	for i := range r.Accounts {
		r.Accounts[i].Account.Wipe()
	}
}

// Import reads the accounts of an export. format Auto detects it from the
// content. password opens an encrypted export and is ignored by a plain
// one; the caller wipes it. On error the Result is empty: nothing is
// imported from a file that is damaged, encrypted with another password or
// of an unknown kind.
func Import(data []byte, format Format, password []byte) (Result, error) {
	if len(data) > MaxSize {
		return Result{}, fmt.Errorf("%w: %d MiB at most", ErrTooLarge, MaxSize>>20)
	}
	detected, ok := Detect(data)
	switch {
	case format == Auto && !ok:
		if err := damagedJSON(data); err != nil {
			return Result{}, err
		}
		return Result{}, fmt.Errorf("%w: this file is not an export authdesk can read (%s); choose its format, or export it again from the other app", ErrUnknownFormat, knownNames())
	case format == Auto:
		format = detected
	case ok && detected != format && !(textFormat(detected) && textFormat(format)):
		f := detected
		return Result{}, fmt.Errorf("%w: the file is of another kind (%s) than the one chosen (%s); let the format be detected", ErrUnknownFormat, title(f), title(format))
	}
	p, ok := parsers[format]
	if !ok {
		return Result{}, fmt.Errorf("%w %q", ErrUnknownFormat, clip(string(format)))
	}
	r := Result{Format: format}
	err := p(data, password, &r)
	if err == nil && len(r.Accounts) == 0 && len(r.Skipped) == 0 {
		err = fmt.Errorf("%w: it is a valid %s but empty", ErrEmpty, title(format))
	}
	if err != nil {
		r.Wipe()
		if !isSentinel(err) {
			err = fmt.Errorf("%w: not a valid %s: %v", ErrDamaged, title(format), err)
		}
		return Result{}, err
	}
	for i := range r.Accounts {
		if r.Accounts[i].Name == "" {
			r.Accounts[i].Name = r.Accounts[i].Account.DisplayName()
		}
		if r.Accounts[i].Name == "" {
			r.Accounts[i].Name = "Unnamed account"
		}
	}
	return r, nil
}

// parser fills r from data or returns an error.
type parser func(data, password []byte, r *Result) error

var parsers map[Format]parser

func init() {
	parsers = map[Format]parser{
		Authdesk:      parseAuthdesk,
		Aegis:         parseAegis,
		TwoFAS:        parseTwoFAS,
		AndOTP:        parseAndOTP,
		BitwardenJSON: parseBitwardenJSON,
		BitwardenCSV:  parseBitwardenCSV,
		FreeOTPPlus:   parseFreeOTPPlus,
		Proton:        parseProton,
		Ente:          parseEnte,
		URIs:          parseText,
		Google:        parseText,
		Stratum:       parseStratum,
		LastPass:      parseLastPass,
		KeePass:       parseKeePass,
		KeePassXCCSV:  parseKeePassXCCSV,
	}
}

// textFormat: the formats of one link a line, read by the same parser.
func textFormat(f Format) bool { return f == URIs || f == Ente || f == Google }

func isSentinel(err error) bool {
	for _, s := range []error{ErrUnknownFormat, ErrPasswordNeeded, ErrWrongPassword, ErrDamaged, ErrUnsupported, ErrEmpty, ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func title(f Format) string {
	for _, i := range infos {
		if i.Format == f {
			return i.Title
		}
	}
	return string(f)
}

func knownNames() string {
	return "it reads authdesk, Aegis, 2FAS, andOTP, Bitwarden, FreeOTP+, Proton Authenticator, Ente Auth, Stratum (Authenticator Pro), LastPass Authenticator and Google Authenticator exports, KeePass databases, KeePassXC CSV exports and otpauth:// links"
}

// add appends an account, or a skipped entry when it does not validate.
func (r *Result) add(e Entry) {
	if err := e.Account.Validate(); err != nil {
		e.Account.Wipe()
		r.Skipped = append(r.Skipped, Skipped{Name: skippedName(e), Reason: err.Error()})
		return
	}
	r.Accounts = append(r.Accounts, e)
}

// skip records an entry that is not imported.
func (r *Result) skip(name, reason string) {
	r.Skipped = append(r.Skipped, Skipped{Name: name, Reason: reason})
}

func skippedName(e Entry) string {
	if e.Name != "" {
		return e.Name
	}
	return e.Account.DisplayName()
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 24 {
		return string(r[:24]) + "..."
	}
	return s
}
