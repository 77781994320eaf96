// Package support gathers the "support info" a help desk asks for: the
// OS, the versions, the displays found, the keychain backend and whether it
// answered, the clock offset and the number of profiles. It never holds a
// secret, a code, an account or profile name, a password, a path or the
// user's login name: only counts, versions and states (tested).
package support

import (
	"fmt"
	"image"
	"os"
	"os/user"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Version is authdesk's version, as in FyneApp.toml.
const Version = "0.1.0"

// Sources are where the facts come from; tests replace them.
type Sources struct {
	// Displays lists the screens (scan.Default(os.Getenv).Displays).
	Displays func() ([]image.Rectangle, error)
	// ProbeKeychain checks that the OS keychain answers.
	ProbeKeychain func() error
	// Profiles lists the profiles (their names are counted, never shown).
	Profiles func() ([]string, error)
	// Clock is the last clock check: offset and error ("" if none made).
	ClockOffset *time.Duration
	ClockErr    error
	// StoreKind is the open profile's store ("keyring" or "file"), if any.
	StoreKind string
	// Getenv reads XDG_SESSION_TYPE, XDG_CURRENT_DESKTOP, DISPLAY and
	// WAYLAND_DISPLAY (whether they are set).
	Getenv func(string) string
	// Home is authdesk's home folder, when known: never shown (nor any
	// other path; see scrub).
	Home string
	// Portable: authdesk runs from a folder with authdesk-data beside it.
	Portable bool
}

// Collect returns the support info as text, one fact a line.
func Collect(s Sources) string {
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%-18s %s\n", k+":", v) }
	line("authdesk", Version)
	line("OS", runtime.GOOS+"/"+runtime.GOARCH)
	line("Go", runtime.Version())
	line("Fyne", moduleVersion("fyne.io/fyne/v2"))
	if s.Portable {
		line("Mode", "portable (everything in authdesk-data beside the program)")
	}
	if s.Getenv != nil {
		line("Session", orNone(s.Getenv("XDG_SESSION_TYPE"))+", desktop "+orNone(s.Getenv("XDG_CURRENT_DESKTOP")))
		line("DISPLAY set", yesNo(s.Getenv("DISPLAY") != "")+", WAYLAND_DISPLAY set "+yesNo(s.Getenv("WAYLAND_DISPLAY") != ""))
	}
	if s.Displays != nil {
		rs, err := s.Displays()
		if err != nil {
			line("Displays", "error: "+firstLine(err))
		} else {
			parts := make([]string, len(rs))
			for i, r := range rs {
				parts[i] = fmt.Sprintf("%dx%d at %d,%d", r.Dx(), r.Dy(), r.Min.X, r.Min.Y)
			}
			line("Displays", fmt.Sprintf("%d (%s)", len(rs), strings.Join(parts, "; ")))
		}
	}
	if s.ProbeKeychain != nil {
		if err := s.ProbeKeychain(); err != nil {
			line("Keychain", keychainName()+", did not answer: "+firstLine(err))
		} else {
			line("Keychain", keychainName()+", answered")
		}
	}
	if s.StoreKind != "" {
		line("Profile store", s.StoreKind)
	}
	switch {
	case s.ClockErr != nil:
		line("Clock", "not checked: "+firstLine(s.ClockErr))
	case s.ClockOffset != nil:
		line("Clock offset", fmt.Sprintf("%+.3f s", s.ClockOffset.Seconds()))
	default:
		line("Clock offset", "not checked")
	}
	out := b.String()
	if s.Profiles != nil {
		ps, err := s.Profiles()
		if err == nil {
			out += fmt.Sprintf("%-18s %d\n", "Profiles:", len(ps))
		} else {
			out += fmt.Sprintf("%-18s error: %s\n", "Profiles:", firstLine(err))
		}
		// An error message may name a profile (a keychain service name):
		// profile names are the person's, never part of the info.
		for _, p := range ps {
			if len(p) > 1 {
				out = strings.ReplaceAll(out, p, "[profile]")
			}
		}
	}
	return scrub(out, s.Home)
}

// pathRe matches an absolute path that starts a word: /..., C:\... or
// \\server\..., up to a space, a quote, a colon or a bracket.
var pathRe = regexp.MustCompile(`(^|[\s"'(=\[])(/|[A-Za-z]:\\|\\\\)[^\s"'),;:\]]*`)

// scrub takes paths and the user's name out of the info: an error message
// may name a folder (the home is under /home/NAME or C:\Users\NAME), and
// where a person's files are, or their login name, is theirs. The home
// folders first, whole (they may hold spaces), then any other absolute
// path, then the login name as a word.
func scrub(out, home string) string {
	for _, p := range []string{home, userHome()} {
		if len(p) > 1 {
			out = strings.ReplaceAll(out, p, "/home-folder") // one word, so that the path regexp takes the rest
		}
	}
	out = pathRe.ReplaceAllString(out, "${1}[path]")
	if name := userName(); len(name) > 1 {
		out = regexp.MustCompile(`\b`+regexp.QuoteMeta(name)+`\b`).ReplaceAllString(out, "[user]")
	}
	return out
}

func userHome() string {
	h, _ := os.UserHomeDir()
	return h
}

func userName() string {
	if u, err := user.Current(); err == nil {
		name := u.Username
		if _, after, ok := strings.Cut(name, `\`); ok { // DOMAIN\name on Windows
			name = after
		}
		return name
	}
	return ""
}

func keychainName() string {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		return "Secret Service"
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	}
	return runtime.GOOS
}

func moduleVersion(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == path {
				return m.Version
			}
		}
	}
	return "unknown"
}

// firstLine keeps an error to one line and 160 characters.
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
