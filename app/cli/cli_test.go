package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// run executes the CLI with the given stdin at a fixed clock.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Now:    func() time.Time { return time.Unix(1234567890, 0) },
		Getenv: func(string) string { return "" },
	}
	code = Run(env, args)
	return code, out.String(), errb.String()
}

const rfcURI = "otpauth://totp/RFC:test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=RFC"

func TestCode(t *testing.T) {
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"now from the clock", "", []string{"code", rfcURI}, 0, "005924\n", ""},
		{"unix seconds", "", []string{"code", "--at", "1111111109", rfcURI}, 0, "081804\n", ""},
		{"flag after the URI", "", []string{"code", rfcURI, "--at", "1111111109"}, 0, "081804\n", ""},
		{"RFC 3339", "", []string{"code", "--at", "2005-03-18T01:58:29Z", rfcURI}, 0, "081804\n", ""},
		{"stdin", rfcURI + "\n", []string{"code", "-"}, 0, "005924\n", ""},
		{"hotp uses the counter", "", []string{"code", "otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=9"}, 0, "520489\n", ""},
		{"steam", "", []string{"code", "--at", "1511200518", "otpauth://steam/s?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK"}, 0, "FR8RV\n", ""},
		{"bad uri", "", []string{"code", "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1"}, 2, "", "authdesk code: bad secret key: character 16 is not Base32"},
		{"bad time", "", []string{"code", "--at", "yesterday", rfcURI}, 2, "", "neither Unix seconds"},
		{"no uri", "", []string{"code"}, 2, "", "give '-' and the otpauth:// link on standard input"},
		{"empty stdin", "", []string{"code", "-"}, 2, "", "standard input is empty"},
		{"unknown flag", "", []string{"code", "--bogus", rfcURI}, 2, "", "authdesk code: unknown option; run 'authdesk help code'"},
		{"flag without its value", "", []string{"code", "-", "--at"}, 2, "", "authdesk code: --at needs a value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, tc.stdin, tc.args...)
			if code != tc.code || out != tc.stdout || !strings.Contains(errs, tc.stderr) {
				t.Fatalf("exit %d stdout %q stderr %q", code, out, errs)
			}
			if tc.code != 0 && strings.Count(errs, "\n") != 1 {
				t.Errorf("stderr must be one line: %q", errs)
			}
			if strings.Contains(errs, "GEZDGNBV") || strings.Contains(errs, "JBSWY3") {
				t.Errorf("stderr leaks the key: %q", errs)
			}
		})
	}
}

func TestHelpAndUnknown(t *testing.T) {
	code, out, _ := run(t, "", "--help")
	if code != 0 || !strings.Contains(out, "code ") || !strings.Contains(out, "authdesk help COMMAND") {
		t.Fatalf("--help: %d %q", code, out)
	}
	for _, c := range commands() {
		code, out, _ := run(t, "", "help", c.Name)
		if code != 0 || !strings.HasPrefix(out, "Usage: authdesk "+c.Name) {
			t.Errorf("help %s: %d %q", c.Name, code, out)
		}
	}
	code, _, errs := run(t, "", "frobnicate")
	if code != 2 || errs != "authdesk: unknown command; run 'authdesk --help' for the list\n" {
		t.Fatalf("unknown command: %d %q", code, errs)
	}
	code, _, errs = run(t, "", "help", "frobnicate")
	if code != 2 || errs != "authdesk help: unknown command; run 'authdesk --help' for the list\n" {
		t.Fatalf("help unknown: %d %q", code, errs)
	}
}

// A key typed where something else was expected (a command, a help topic,
// a vault subcommand, an option, an option's value, an extra argument) is
// never echoed, in whole or in part: one line on stderr says what to do.
func TestNothingEchoed(t *testing.T) {
	const key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	for _, args := range [][]string{
		{key},
		{"otpauth://totp/x?secret=" + key},
		{"help", key},
		{"vault", key},
		{"vault", "list", "--" + key},
		{"code", "--" + key + "=1", "-"},
		{"code", "--at", key, "-"},
		{"clock", key},
		{"scan", "--" + key},
		{"import", "--format", key, "x"},
		{"import", "otpauth://totp/x?secret=" + key},
		{"scan", "otpauth://totp/x?secret=" + key},
		{"scan", "--json", "otpauth-migration://offline?data=" + key},
		{"vault", "import", "otpauth://totp/x?secret=" + key, "--password-file", "-"},
	} {
		code, out, errs := run(t, "", args...)
		if code != ExitBadInput || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%.20q...: exit %d stdout %q stderr %q, want exit 2 and one line on stderr", args, code, out, errs)
		}
		if strings.Contains(errs, "JBSWY3") || strings.Contains(errs, "PK3PXP") {
			t.Errorf("%.20q...: stderr echoes the key: %q", args, errs)
		}
	}
}

// '-' is the way to pass a link; a link as an argument still works but
// warns, in one line, that other local users could read it.
func TestCodeLinkAsArgumentWarns(t *testing.T) {
	code, out, errs := run(t, rfcURI+"\n", "code", "-")
	if code != 0 || out != "005924\n" || errs != "" {
		t.Fatalf("code -: exit %d stdout %q stderr %q", code, out, errs)
	}
	code, out, errs = run(t, "", "code", rfcURI)
	if code != 0 || out != "005924\n" ||
		errs != "authdesk code: warning: the link's key was visible to other local users in the process list; pass links on standard input with '-'\n" {
		t.Fatalf("code URI: exit %d stdout %q stderr %q", code, out, errs)
	}
	_, usage, _ := run(t, "", "help", "code")
	if !strings.HasPrefix(usage, "Usage: authdesk code [--at TIME] -\n") {
		t.Errorf("the usage does not show '-' as the way: %q", usage)
	}
}
