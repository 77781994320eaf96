package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"authdesk/app/scan"
	"authdesk/otpcore"
)

const scanUsage = `Usage: authdesk scan [--json] FILE...
       authdesk scan --screen [--json]

Find the QR codes in image files (PNG, JPEG, GIF, BMP or WebP, recognised by
content; '-' reads one from standard input) or on every screen, and print one
otpauth:// link per account, a line each. A Google Authenticator export is
expanded into its accounts. A QR code that holds no key (a web link, plain
text) is named on standard error.

Options:
  --screen   capture and search every display instead of files
  --json     print one JSON object a line: the decoded text, its kind, where
             it was found (source, position) and, for an account, its fields
             (type, issuer, name, algorithm, digits, period or counter, uri);
             codes without a key are printed too, with a hint

The links hold the secret keys: redirect them to a file or a pipe, not a log.

Exit status: 0 at least one account found, 1 none found (standard error says
how much was searched and what to do) or the desktop refused the capture (a
Wayland portal's "Deny", no answer within 8 s), 2 bad input (not an image,
unreadable, too large; no display to capture) with one line on standard error.
`

func scanCommand() Command {
	c := Command{Name: "scan", Synopsis: "print the accounts of the QR codes in images or on the screens", Usage: scanUsage}
	c.Run = func(env *Env, args []string) int { return runScan(env, c, args) }
	return c
}

func runScan(env *Env, c Command, args []string) int {
	fs := newFlags(c.Name)
	screen := fs.Bool("screen", false, "scan every display")
	asJSON := fs.Bool("json", false, "JSON lines")
	if code, ok := parseFlags(env, c, fs, args); !ok {
		return code
	}
	switch {
	case *screen && fs.NArg() > 0:
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("give either --screen or image files, not both; run 'authdesk help scan'"))
	case !*screen && fs.NArg() == 0:
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("give image files to scan, or --screen to scan every display; run 'authdesk help scan'"))
	}

	var found []scan.Found
	var rep scan.Report
	bad := false
	if *screen {
		var err error
		s := scan.Scanner{Capturer: scan.Default(env.Getenv), Getenv: env.Getenv}
		if found, rep, err = s.Screens(context.Background()); err != nil {
			if errors.Is(err, scan.ErrCaptureRefused) || errors.Is(err, scan.ErrCaptureCancelled) || errors.Is(err, scan.ErrPortalTimeout) {
				return env.Fail(ExitRefused, c.Name, err) // the desktop said no: nothing found
			}
			return env.Fail(ExitBadInput, c.Name, err)
		}
	} else {
		for _, path := range fs.Args() {
			var f []scan.Found
			var err error
			switch {
			case path == "-":
				f, err = scan.Read(env.Stdin, "standard input")
			case linkAsFile(path) != nil:
				err = linkAsFile(path)
			default:
				f, err = scan.File(path)
			}
			if err != nil {
				env.Fail(ExitBadInput, c.Name, err)
				bad = true
				continue
			}
			rep.Files++
			rep.Codes += len(f)
			found = append(found, f...)
		}
	}
	scan.JoinParts(found) // parts of one export in several files
	defer func() {
		for i := range found {
			found[i].Wipe()
		}
	}()

	accounts := 0
	var hints []string
	for _, f := range found {
		accounts += len(f.Accounts)
		if *asJSON {
			if err := writeJSON(env.Stdout, f); err != nil {
				return env.Fail(ExitBadInput, c.Name, err)
			}
		} else {
			for _, line := range accountLines(f) {
				fmt.Fprintln(env.Stdout, line)
			}
		}
		if f.Hint != "" {
			hints = append(hints, fmt.Sprintf("%s: %s", f.Source, f.Hint))
		}
	}
	if bad { // the error lines are said; nothing else on stderr
		return ExitBadInput
	}
	for _, h := range hints {
		fmt.Fprintf(env.Stderr, "authdesk scan: %s\n", h)
	}
	switch {
	case accounts > 0:
		return ExitOK
	case len(hints) == 0: // no code, or codes without a hint of their own
		fmt.Fprintf(env.Stderr, "authdesk scan: %s\n", rep.NoneFound())
	}
	return ExitRefused
}

// scanJSON is one line of `scan --json`.
type scanJSON struct {
	Text     string        `json:"text"`
	Kind     string        `json:"kind"`
	Source   string        `json:"source"`
	Screen   int           `json:"screen,omitempty"`
	File     string        `json:"file,omitempty"`
	Position *positionJSON `json:"position,omitempty"`
	Hint     string        `json:"hint,omitempty"`
	Error    string        `json:"error,omitempty"`
	Part     int           `json:"part,omitempty"`
	Parts    int           `json:"parts,omitempty"`

	Type      string  `json:"type,omitempty"`
	Issuer    *string `json:"issuer,omitempty"`
	Name      *string `json:"name,omitempty"`
	Algorithm string  `json:"algorithm,omitempty"`
	Digits    int     `json:"digits,omitempty"`
	Period    int     `json:"period,omitempty"`
	Counter   *uint64 `json:"counter,omitempty"`
	URI       string  `json:"uri,omitempty"`
}

type positionJSON struct {
	X      int `json:"x"`
	Y      int `json:"y"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

// writeJSON prints f as one object, or one per account.
func writeJSON(w io.Writer, f scan.Found) error {
	base := scanJSON{Text: f.Text, Kind: f.Kind.String(), Source: f.Source.String(),
		Screen: f.Source.Screen, File: f.Source.File, Hint: f.Hint, Part: f.Part, Parts: f.Parts}
	if !f.Bounds.Empty() {
		base.Position = &positionJSON{f.Bounds.Min.X, f.Bounds.Min.Y, f.Bounds.Dx(), f.Bounds.Dy()}
	}
	if f.Err != nil && !errors.Is(f.Err, otpcore.ErrNotOTP) {
		base.Error = f.Err.Error()
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if len(f.Accounts) == 0 {
		return enc.Encode(base)
	}
	for _, a := range f.Accounts {
		o := base
		o.Type, o.Algorithm, o.Digits, o.URI = a.Type.String(), a.Algorithm.String(), a.Digits, a.ExportURI()
		o.Issuer, o.Name = &a.Issuer, &a.Name
		if a.Type == otpcore.HOTP {
			o.Counter = &a.Counter
		} else {
			o.Period = a.Period
		}
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	return nil
}

// accountLines are the otpauth:// links printed for what was found: an
// otpauth code's own text, byte for byte as the QR code holds it (when it
// has no blank, line break or '#' that a script splitting lines or words
// would trip on), else a link formatted from the account; and a formatted
// link for each account of a Google export.
func accountLines(f scan.Found) []string {
	if f.Kind == otpcore.KindOTPAuth && len(f.Accounts) == 1 {
		if t := strings.TrimSpace(f.Text); !strings.ContainsAny(t, " \t\r\n#") {
			return []string{t}
		}
	}
	out := make([]string, len(f.Accounts))
	for i, a := range f.Accounts {
		out[i] = a.ExportURI()
	}
	return out
}
