package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"authdesk/app/settings"
)

// ErrBadPolicy: the policy is malformed; the strictest reading applies.
var ErrBadPolicy = errors.New("malformed authdesk policy")

// ErrForbidden: the policy forbids what was asked.
var ErrForbidden = errors.New("forbidden by your organization's policy")

// The limits of the values (the ranges settings.Validate accepts).
const (
	minLock      = 30 * time.Second
	maxLock      = 24 * time.Hour
	minClip      = 5 * time.Second
	maxClip      = 10 * time.Minute
	strictPwLen  = 16
	maxPwLen     = 128
	maxHomeBytes = 4096
)

// Policy is what an organization enforces; the zero Policy enforces nothing.
type Policy struct {
	// LockAfter is the longest auto-lock (0: not enforced).
	LockAfter time.Duration
	// ClipboardClear is the longest a copied code may stay (0: not enforced).
	ClipboardClear time.Duration
	// HideCodes and LockOnFocusLoss force those settings on.
	HideCodes       bool
	LockOnFocusLoss bool
	// NoCleartextExport forbids otpauth links and Google export links and
	// QR codes (allow_cleartext_export false).
	NoCleartextExport bool
	// NoImport forbids imports (allow_import false).
	NoImport bool
	// Home is the folder that holds the profiles ("": not enforced).
	Home string
	// TimeServer is the clock check's server ("": not enforced).
	TimeServer string
	// ClockCheck, when not nil, forces the clock check on or off.
	ClockCheck *bool
	// PasswordMinLength is the shortest password accepted (0: none).
	PasswordMinLength int
	// Source names where the policy was read (a path or a registry key);
	// "" when there is none.
	Source string
}

// Strictest is what applies when a policy cannot be read at all: the
// shortest lock and clipboard times, hidden codes, lock on focus loss, no
// clear-text export, no import, the clock checked, 16-character passwords.
func Strictest() Policy {
	on := true
	return Policy{
		LockAfter: minLock, ClipboardClear: minClip, HideCodes: true, LockOnFocusLoss: true,
		NoCleartextExport: true, NoImport: true, ClockCheck: &on, PasswordMinLength: strictPwLen,
	}
}

// Enforces reports whether the policy enforces anything.
func (p Policy) Enforces() bool {
	q := p
	q.Source = ""
	return q != Policy{}
}

// Clamp brings s within the policy: times no longer than the maximums,
// forced settings on; stricter choices are kept.
func (p Policy) Clamp(s settings.Settings) settings.Settings {
	if p.LockAfter > 0 && s.AutoLock > p.LockAfter {
		s.AutoLock = p.LockAfter
	}
	if p.ClipboardClear > 0 && s.ClipboardClear > p.ClipboardClear {
		s.ClipboardClear = p.ClipboardClear
	}
	s.HideCodes = s.HideCodes || p.HideCodes
	s.LockOnBlur = s.LockOnBlur || p.LockOnFocusLoss
	if p.ClockCheck != nil {
		s.ClockCheck = *p.ClockCheck
	}
	if p.TimeServer != "" {
		s.ClockServer = p.TimeServer
	}
	return s
}

// CheckExport refuses a clear-text export format ("uris", "google") when
// the policy forbids it; encrypted backups ("authdesk") are always allowed.
func (p Policy) CheckExport(format string) error {
	f := strings.ToLower(format)
	if p.NoCleartextExport && (f == "uris" || f == "google") {
		return fmt.Errorf("%w: clear-text export (allow_cleartext_export is false in %s); export an encrypted backup with --format authdesk", ErrForbidden, p.where())
	}
	return nil
}

// CheckImport refuses an import when the policy forbids it.
func (p Policy) CheckImport() error {
	if p.NoImport {
		return fmt.Errorf("%w: import (allow_import is false in %s); ask your IT department", ErrForbidden, p.where())
	}
	return nil
}

// CheckPassword refuses a password shorter (in characters) than the minimum.
func (p Policy) CheckPassword(password []byte) error {
	if n := len([]rune(string(password))); p.PasswordMinLength > 0 && n < p.PasswordMinLength {
		return fmt.Errorf("%w: passwords of fewer than %d characters (password_min_length in %s); choose a longer one", ErrForbidden, p.PasswordMinLength, p.where())
	}
	return nil
}

func (p Policy) where() string {
	if p.Source == "" {
		return "the policy"
	}
	return p.Source
}

// Load reads a JSON policy file. A missing file is no policy (the zero
// Policy, no error); any other trouble gives the strictest reading and an
// error of one line naming the file.
func Load(path string) (Policy, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Policy{}, nil
	}
	if err != nil {
		p := Strictest()
		p.Source = path
		return p, fmt.Errorf("%w: cannot read %s (%v); the strictest settings apply", ErrBadPolicy, path, errors.Unwrap(err))
	}
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		p := Strictest()
		p.Source = path
		return p, fmt.Errorf("%w: %s is not a JSON object; the strictest settings apply", ErrBadPolicy, path)
	}
	return fromValues(obj, path)
}

// fromValues reads a policy from named values: JSON numbers (json.Number),
// booleans and strings, or registry DWORDs/QWORDs (uint64) and strings.
// Each value that is wrong reads as its strictest; all problems are
// reported together in one line.
func fromValues(vals map[string]any, source string) (Policy, error) {
	p := Policy{Source: source}
	strict := Strictest()
	var bad []string
	fail := func(name, why string) { bad = append(bad, name+" "+why) }
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		v := vals[name]
		switch name {
		case "lock_after_seconds":
			d, err := seconds(v, minLock, maxLock)
			if err != nil {
				fail(name, err.Error())
				d = strict.LockAfter
			}
			p.LockAfter = d
		case "clipboard_clear_seconds":
			d, err := seconds(v, minClip, maxClip)
			if err != nil {
				fail(name, err.Error())
				d = strict.ClipboardClear
			}
			p.ClipboardClear = d
		case "hide_codes", "lock_on_focus_loss", "allow_cleartext_export", "allow_import", "clock_check":
			b, ok := boolean(v)
			if !ok {
				fail(name, "must be true or false (1 or 0)")
			}
			switch name {
			case "hide_codes":
				p.HideCodes = !ok || b
			case "lock_on_focus_loss":
				p.LockOnFocusLoss = !ok || b
			case "allow_cleartext_export":
				p.NoCleartextExport = !ok || !b
			case "allow_import":
				p.NoImport = !ok || !b
			case "clock_check":
				c := !ok || b
				p.ClockCheck = &c
			}
		case "home":
			s, ok := v.(string)
			switch {
			case !ok || s == "":
				fail(name, "must be a folder's path")
			case len(s) > maxHomeBytes || strings.ContainsRune(s, 0):
				fail(name, "is not a usable path")
			case !filepath.IsAbs(expand(s)):
				fail(name, "must be an absolute path")
			default:
				p.Home = filepath.Clean(expand(s))
			}
		case "time_server":
			s, ok := v.(string)
			if !ok || strings.TrimSpace(s) == "" || len(s) > 255 || strings.ContainsAny(s, " \t\r\n") {
				fail(name, "must be a host name, HOST:PORT or an https:// address")
			} else {
				p.TimeServer = s
			}
		case "password_min_length":
			n, err := integer(v)
			if err != nil || n < 1 || n > maxPwLen {
				fail(name, fmt.Sprintf("must be a whole number from 1 to %d", maxPwLen))
				n = strictPwLen
			}
			p.PasswordMinLength = int(n)
		default:
			fail(name, "is not a policy authdesk knows (ignored)")
		}
	}
	if len(bad) > 0 {
		return p, fmt.Errorf("%w in %s: %s; the strictest reading of those applies", ErrBadPolicy, source, strings.Join(bad, "; "))
	}
	return p, nil
}

// expand replaces %USERNAME%-style and $HOME-style variables (a roaming
// home names the user's folder on a share).
func expand(s string) string {
	s = os.Expand(s, os.Getenv)
	for {
		i := strings.IndexByte(s, '%')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i+1:], '%')
		if j <= 0 {
			return s
		}
		name := s[i+1 : i+1+j]
		s = s[:i] + os.Getenv(name) + s[i+2+j:]
	}
}

func integer(v any) (int64, error) {
	switch x := v.(type) {
	case json.Number:
		return x.Int64()
	case uint64:
		if x > math.MaxInt32 {
			return 0, errors.New("too large")
		}
		return int64(x), nil
	case int:
		return int64(x), nil
	}
	return 0, errors.New("not a number")
}

func seconds(v any, lo, hi time.Duration) (time.Duration, error) {
	n, err := integer(v)
	if err != nil || n < int64(lo/time.Second) || n > int64(hi/time.Second) {
		return 0, fmt.Errorf("must be a whole number of seconds from %d to %d", int64(lo/time.Second), int64(hi/time.Second))
	}
	return time.Duration(n) * time.Second, nil
}

func boolean(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case uint64:
		if x <= 1 {
			return x == 1, true
		}
	case json.Number:
		if x == "0" || x == "1" {
			return x == "1", true
		}
	}
	return false, false
}

var (
	activeOnce sync.Once
	active     Policy
	activeErr  error
)

// Active is this machine's policy (System), read once per process; the
// first call prints a malformed policy's one line on standard error.
func Active() Policy {
	activeOnce.Do(func() {
		active, activeErr = System()
		if activeErr != nil {
			fmt.Fprintln(os.Stderr, "authdesk:", activeErr)
		}
	})
	return active
}
