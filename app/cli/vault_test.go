package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"authdesk/app/vault/seal"
)

func init() { testKDF = seal.Cheap } // half a second per derivation is for people

// vrun runs the CLI with AUTHDESK_HOME = home.
func vrun(t *testing.T, home, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Now:    func() time.Time { return time.Unix(1234567890, 0) },
		Getenv: func(k string) string { return map[string]string{"AUTHDESK_HOME": home}[k] },
	}
	code = Run(env, args)
	return code, out.String(), errb.String()
}

const (
	vaultPw    = "hunter2 with spaces"
	rfcHOTPURI = "otpauth://hotp/Issuer:h?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=8&issuer=Issuer"
)

type vstep struct {
	name   string
	stdin  string
	args   []string
	code   int
	stdout string // exact
	stderr string // contained
}

func runSteps(t *testing.T, home string, steps []vstep) {
	t.Helper()
	for _, s := range steps {
		code, out, errs := vrun(t, home, s.stdin, s.args...)
		if code != s.code || out != s.stdout || !strings.Contains(errs, s.stderr) {
			t.Fatalf("%s: exit %d stdout %q stderr %q; want exit %d stdout %q stderr with %q", s.name, code, out, errs, s.code, s.stdout, s.stderr)
		}
		if s.code != 0 && strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: stderr must be one line: %q", s.name, errs)
		}
		for _, secret := range []string{"GEZDGNBV", "hunter2", "new pass"} {
			if strings.Contains(out+errs, secret) {
				t.Fatalf("%s: output leaks a key or a password: %q %q", s.name, out, errs)
			}
		}
	}
}

func TestVaultCLI(t *testing.T) {
	home := t.TempDir()
	pw := vaultPw + "\n"
	dir := t.TempDir()
	oldFile, newFile := filepath.Join(dir, "old"), filepath.Join(dir, "new")
	os.WriteFile(oldFile, []byte(vaultPw+"\n"), 0o600)
	os.WriteFile(newFile, []byte("new pass\r\n"), 0o600)
	runSteps(t, home, []vstep{
		{"list before init", pw, []string{"vault", "list", "--password-file", "-"}, 1, "", "no vault in this profile: create it with 'authdesk vault init'"},
		{"init", pw, []string{"vault", "init", "--store", "file", "--password-file", "-"}, 0, "created the vault of profile \"default\" (file store)\n", ""},
		{"init twice", pw, []string{"vault", "init", "--password-file", "-"}, 1, "", "has a vault already"},
		{"add from stdin after the password", pw + rfcURI + "\n", []string{"vault", "add", "--name", "Bank", "-", "--password-file", "-"}, 0,
			"added \"Bank\" (totp \"RFC: test\" (SHA1, 6 digits, 30 s))\n", ""},
		{"add hotp from an argument warns", pw, []string{"vault", "add", rfcHOTPURI, "--name", "Token", "--password-file", "-"}, 0,
			"added \"Token\" (hotp \"Issuer: h\" (SHA1, 6 digits, counter 8))\n", "authdesk vault add: warning: the link's key was visible to other local users in the process list; pass links on standard input with '-'\n"},
		{"duplicate name", pw, []string{"vault", "add", "--name", "bank", rfcURI, "--password-file", "-"}, 1, "", "an account with this name exists already: \"Bank\""},
		{"no name", pw, []string{"vault", "add", rfcURI, "--password-file", "-"}, 2, "", "--name NAME"},
		{"bad link", pw, []string{"vault", "add", "--name", "X", "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1", "--password-file", "-"}, 2, "", "bad secret key"},
		{"list", pw, []string{"vault", "list", "--password-file", "-"}, 0, "Bank\tRFC\ttotp\nToken\tIssuer\thotp\n", ""},
		{"code", pw, []string{"vault", "code", "Bank", "--password-file", "-"}, 0, "005924\n", ""},
		{"code any case", pw, []string{"vault", "code", "bank", "--password-file", "-"}, 0, "005924\n", ""},
		{"hotp code 8", pw, []string{"vault", "code", "Token", "--password-file", "-"}, 0, "399871\n", ""},
		{"hotp code moves on", pw, []string{"vault", "code", "Token", "--password-file", "-"}, 0, "520489\n", ""},
		{"unknown name", pw, []string{"vault", "code", "Nope", "--password-file", "-"}, 1, "", "no such account named \"Nope\"; 'authdesk vault list' shows the names"},
		{"wrong password", "guess\n", []string{"vault", "list", "--password-file", "-"}, 1, "", "wrong password; check it and try again (4 more tries"},
		{"rename", pw, []string{"vault", "rename", "Bank", "My bank", "--password-file", "-"}, 0, "renamed \"Bank\" to \"My bank\"\n", ""},
		{"rename onto another", pw, []string{"vault", "rename", "My bank", "token", "--password-file", "-"}, 1, "", "exists already"},
		{"delete", pw, []string{"vault", "delete", "Token", "--password-file", "-"}, 0, "deleted \"Token\"\n", ""},
		{"delete unknown", pw, []string{"vault", "delete", "Token", "--password-file", "-"}, 1, "", "no such account"},
		{"list after", pw, []string{"vault", "list", "--password-file", "-"}, 0, "My bank\tRFC\ttotp\n", ""},
		{"passwd wrong old", "nope\n", []string{"vault", "passwd", "--password-file", "-", "--new-password-file", newFile}, 1, "", "wrong password"},
		{"passwd", "", []string{"vault", "passwd", "--password-file", oldFile, "--new-password-file", newFile}, 0, "changed the password of profile \"default\"\n", ""},
		{"old password refused", pw, []string{"vault", "list", "--password-file", "-"}, 1, "", "wrong password"},
		{"new password from a file with CRLF", "", []string{"vault", "code", "My bank", "--password-file", newFile}, 0, "005924\n", ""},
		{"passwd back, both on stdin", "new pass\n" + vaultPw + "\n", []string{"vault", "passwd", "--password-file", "-", "--new-password-file", "-"}, 0, "changed the password of profile \"default\"\n", ""},
		{"old one works again", pw, []string{"vault", "list", "--password-file", "-"}, 0, "My bank\tRFC\ttotp\n", ""},
		{"other store than the profile's", pw, []string{"vault", "list", "--store", "keyring", "--password-file", "-"}, 2, "", "use --store file"},
		{"bad store", pw, []string{"vault", "list", "--store", "cloud", "--password-file", "-"}, 2, "", "use keyring or file"},
		{"bad profile", pw, []string{"vault", "list", "--profile", "../x", "--password-file", "-"}, 2, "", "bad profile name"},
		{"other profile has no vault", pw, []string{"vault", "list", "--profile", "bob", "--password-file", "-"}, 1, "", "'authdesk vault init --profile bob'"},
		{"no terminal, no password file", "", []string{"vault", "list"}, 2, "", "give --password-file FILE"},
		{"empty password line", "\n", []string{"vault", "list", "--password-file", "-"}, 2, "", "no password line"},
		{"missing password file", "", []string{"vault", "list", "--password-file", filepath.Join(dir, "none")}, 2, "", "cannot read the password file"},
		{"no subcommand", "", []string{"vault"}, 2, "", "give a subcommand"},
		{"unknown subcommand", "", []string{"vault", "sync"}, 2, "", "authdesk vault: unknown subcommand: use init, add"},
		{"too many arguments", pw, []string{"vault", "code", "a", "b", "--password-file", "-"}, 2, "", "code takes 1 argument(s), not 2"},
		{"unknown flag", pw, []string{"vault", "list", "--name", "x"}, 2, "", "authdesk vault: unknown option; run 'authdesk help vault'"},
	})
	code, out, _ := vrun(t, home, "", "help", "vault")
	if code != 0 || !strings.Contains(out, "name<TAB>issuer<TAB>type") {
		t.Fatalf("help vault: %d %q", code, out)
	}
}

func TestVaultCLIBackoff(t *testing.T) {
	home := t.TempDir()
	runSteps(t, home, []vstep{{"init", vaultPw + "\n", []string{"vault", "init", "--store", "file", "--password-file", "-"}, 0, "created the vault of profile \"default\" (file store)\n", ""}})
	for i := 0; i < 4; i++ {
		vrun(t, home, "guess\n", "vault", "list", "--password-file", "-")
	}
	runSteps(t, home, []vstep{
		{"fifth wrong", "guess\n", []string{"vault", "list", "--password-file", "-"}, 1, "", "wrong password; too many wrong tries in a row: wait 15 s before the next try"},
		{"right one during the wait", vaultPw + "\n", []string{"vault", "list", "--password-file", "-"}, 1, "", "wait 15 s before the next try (nothing was checked)"},
	})
}

// TestVaultCLINoSecretService runs `vault init` in a child whose session
// bus address points to a dead socket: the keychain store is refused with
// a clear message that offers the file store, and nothing is created.
func TestVaultCLINoSecretService(t *testing.T) {
	if home := os.Getenv("AUTHDESK_CLI_NOSS_HOME"); home != "" {
		env := OSEnv()
		os.Exit(Run(env, []string{"vault", "init", "--password-file", "-"}))
	}
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestVaultCLINoSecretService$")
	cmd.Env = append(os.Environ(), "AUTHDESK_CLI_NOSS_HOME="+home, "AUTHDESK_HOME="+home,
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(t.TempDir(), "dead.sock"))
	cmd.Stdin = strings.NewReader(vaultPw + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != ExitRefused {
		t.Fatalf("child: %v, stderr %q; want exit 1", err, stderr.String())
	}
	msg := stderr.String()
	for _, want := range []string{"authdesk vault init: no keychain is answering", "--store file"} {
		if !strings.Contains(msg, want) {
			t.Fatalf("stderr %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "hunter2") {
		t.Fatal("the password leaked into the error")
	}
	if _, err := os.Stat(filepath.Join(home, "profiles", "default", "vault.json")); err == nil {
		t.Fatal("a vault was created although the keychain is missing")
	}
}

// TestVaultCLIKeyring runs the main flow against the real Secret Service.
func TestVaultCLIKeyring(t *testing.T) {
	if os.Getenv("AUTHDESK_TEST_KEYRING") != "1" {
		t.Skip("needs a real Secret Service: run through scripts/in-session.sh (make test) which sets AUTHDESK_TEST_KEYRING=1")
	}
	home := t.TempDir()
	pw := vaultPw + "\n"
	runSteps(t, home, []vstep{
		{"init", pw, []string{"vault", "init", "--profile", "kr", "--password-file", "-"}, 0, "created the vault of profile \"kr\" (keyring store)\n", ""},
		{"add", pw, []string{"vault", "add", "--profile", "kr", "--name", "Bank", rfcURI, "--password-file", "-"}, 0, "added \"Bank\" (totp \"RFC: test\" (SHA1, 6 digits, 30 s))\n", ""},
		{"code", pw, []string{"vault", "code", "--profile", "kr", "Bank", "--password-file", "-"}, 0, "005924\n", ""},
		{"delete", pw, []string{"vault", "delete", "--profile", "kr", "Bank", "--password-file", "-"}, 0, "deleted \"Bank\"\n", ""},
		{"list", pw, []string{"vault", "list", "--profile", "kr", "--password-file", "-"}, 0, "", ""},
	})
}
