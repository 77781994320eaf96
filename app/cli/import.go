package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"authdesk/app/exchange"
	"authdesk/app/scan"
	"authdesk/otpcore/importer"
)

const importUsage = `Usage: authdesk import [--format F] [--password-file P] FILE

Print the accounts of another authenticator's export or backup, or of an
authdesk backup, as otpauth:// links, one a line. Nothing is stored: add them
to a vault with 'authdesk vault import FILE'. Entries that cannot be imported
(mOTP, Yandex, a bad key...) are named on standard error with the reason.

Formats (detected from the content; --format F overrides):
  authdesk         an authdesk backup (authdesk vault export --format authdesk)
  aegis            Aegis vault JSON, plain or encrypted
  2fas             2FAS backup (.2fas), plain or encrypted
  andotp           andOTP backup: JSON, or encrypted .bin (current and old format)
  bitwarden-json   Bitwarden export, JSON: unencrypted or password-protected
  bitwarden-csv    Bitwarden export, CSV
  freeotp-plus     FreeOTP+ backup (JSON)
  proton           Proton Authenticator export (JSON), plain or with a password
  ente             Ente Auth export: plain text, or encrypted JSON
  stratum          Stratum / Authenticator Pro backup: JSON, or encrypted .authpro
  lastpass         LastPass Authenticator export (JSON)
  keepass          KeePass / KeePassXC database (.kdbx, KDBX 3.1 or 4)
  keepassxc-csv    KeePassXC export (CSV)
  uris             otpauth:// links, one a line
  google           Google Authenticator export links (otpauth-migration://)
  image            a picture of QR codes: Google Authenticator's "Transfer
                   accounts" codes or otpauth:// codes (PNG, JPEG, GIF, BMP, WebP)

Options:
  --format F          the file's format (default: detected)
  --password-file P   the export's password, from the first line of file P
                      ('-': standard input); asked on the terminal when the
                      file is encrypted and no file is given

The links hold the secret keys: redirect them to a file or a pipe, not a log.

Exit status: 0 at least one account printed; 1 none (every entry skipped),
or a wrong password; 2 bad input (unknown format, damaged or truncated file,
unreadable file), one line on standard error.
`

func importCommand() Command {
	c := Command{Name: "import", Synopsis: "print the accounts of another app's export or an authdesk backup", Usage: importUsage}
	c.Run = func(env *Env, args []string) int { return runImport(env, c, args) }
	return c
}

func runImport(env *Env, c Command, args []string) int {
	fs := newFlags(c.Name)
	formatName := fs.String("format", "", "format")
	pwFile := fs.String("password-file", "", "password file")
	if code, ok := parseFlags(env, c, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("give one export file; run 'authdesk help import'"))
	}
	if err := env.policy().CheckImport(); err != nil {
		return env.Fail(ExitRefused, c.Name, err)
	}
	format, err := exchange.ParseFormat(*formatName)
	if err != nil {
		return env.Fail(ExitBadInput, c.Name, err)
	}
	if err := linkAsFile(fs.Arg(0)); err != nil {
		return env.Fail(ExitBadInput, c.Name, err)
	}
	pw := newPasswords(env)
	r, err := readExport(pw, fs.Arg(0), format, *pwFile, nil)
	if err != nil {
		return env.Fail(exchangeExit(err), c.Name, err)
	}
	defer r.Wipe()
	printSkipped(env.Stderr, c.Name, r.Skipped)
	printNotes(env.Stderr, c.Name, r.Notes)
	for _, e := range r.Accounts {
		fmt.Fprintln(env.Stdout, e.Account.ExportURI())
	}
	if len(r.Accounts) == 0 {
		return env.Fail(ExitRefused, c.Name, fmt.Errorf("no account could be imported from %s", fs.Arg(0)))
	}
	return ExitOK
}

// readExport reads an export file, with its password when it needs one:
// from pwFile, else fallback (the vault's password, for an authdesk
// backup), else asked on the terminal.
func readExport(pw *passwords, path string, format importer.Format, pwFile string, fallback []byte) (importer.Result, error) {
	need, err := exchange.FileNeedsPassword(path, format)
	if err != nil {
		return importer.Result{}, err
	}
	var password []byte
	if need {
		switch {
		case pwFile != "":
			password, err = pw.read(pwFile, "")
		case fallback != nil:
			password = append([]byte(nil), fallback...)
		default:
			password, err = pw.read("", "Password of "+path+": ")
		}
		if err != nil {
			return importer.Result{}, err
		}
		defer wipe(password)
	}
	return exchange.ReadFile(path, format, password)
}

// printSkipped names each skipped entry on w, a line each.
func printSkipped(w io.Writer, cmd string, skipped []importer.Skipped) {
	for _, s := range skipped {
		fmt.Fprintf(w, "authdesk %s: skipped %q: %s\n", cmd, oneLine(s.Name), oneLine(s.Reason))
	}
}

// printNotes shows the importer's notes on w, a line each.
func printNotes(w io.Writer, cmd string, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(w, "authdesk %s: note: %s\n", cmd, oneLine(n))
	}
}

// exchangeExit maps the errors of reading and writing exports to an exit
// status: a wrong password is refused (1), a bad file is bad input (2).
func exchangeExit(err error) int {
	for _, e := range []error{importer.ErrWrongPassword, importer.ErrEmpty} {
		if errors.Is(err, e) {
			return ExitRefused
		}
	}
	for _, e := range []error{errUsage, errNoTerminal, importer.ErrUnknownFormat, importer.ErrDamaged, importer.ErrUnsupported,
		importer.ErrTooLarge, importer.ErrPasswordNeeded, exchange.ErrRead, scan.ErrNotImage, scan.ErrDamaged,
		scan.ErrUnreadable, scan.ErrTooManyBytes, scan.ErrTooManyPixels, errClearText} {
		if errors.Is(err, e) {
			return ExitBadInput
		}
	}
	return vaultExit(err)
}

// errClearText: keys in the clear would go to a terminal.
var errClearText = errors.New("refusing to print keys in the clear on the terminal")

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
