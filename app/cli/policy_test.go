package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"authdesk/app/policy"
)

// prun runs the CLI under the policy file path (as /etc/authdesk/policy.json).
func prun(t *testing.T, pfile, home, stdin string, args ...string) (int, string, string) {
	t.Helper()
	pol, err := policy.Load(pfile)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Now:    func() time.Time { return time.Unix(1234567890, 0) },
		Getenv: func(k string) string { return map[string]string{"AUTHDESK_HOME": home}[k] },
		Policy: &pol,
	}
	code := Run(env, args)
	return code, out.String(), errb.String()
}

func TestPolicyRefusals(t *testing.T) {
	dir := t.TempDir()
	pfile := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(pfile, []byte(`{"lock_after_seconds": 60, "allow_cleartext_export": false, "allow_import": false, "password_min_length": 24}`), 0o600); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	longPw := "a passphrase of thirty characters"[:30]
	oneLine := func(t *testing.T, stderr, want string) {
		t.Helper()
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, pfile) {
			t.Errorf("stderr %q: want one line with %q naming %s", stderr, want, pfile)
		}
	}

	// A password shorter than the minimum: refused, no vault made.
	code, _, errs := prun(t, pfile, home, vaultPw+"\n", "vault", "init", "--store", "file", "--password-file", "-")
	if code != ExitRefused {
		t.Fatalf("init with a %d-character password: exit %d, stderr %q", len(vaultPw), code, errs)
	}
	oneLine(t, errs, "password_min_length")
	if _, err := os.Stat(filepath.Join(home, "profiles", "default", "vault.json")); err == nil {
		t.Fatal("a vault was made with a password the policy refuses")
	}
	if code, _, errs := prun(t, pfile, home, longPw+"\n", "vault", "init", "--store", "file", "--password-file", "-"); code != 0 {
		t.Fatalf("init with a long password: %d %q", code, errs)
	}
	if code, _, errs := prun(t, pfile, home, longPw+"\n"+rfcHOTPURI+"\n", "vault", "add", "--name", "h", "--password-file", "-", "-"); code != 0 {
		t.Fatalf("add: %d %q", code, errs)
	}

	// Clear-text exports refused in one line naming the policy; nothing printed.
	for _, f := range []string{"uris", "google"} {
		code, out, errs := prun(t, pfile, home, longPw+"\n", "vault", "export", "--format", f, "--password-file", "-")
		if code != ExitRefused || out != "" {
			t.Errorf("export --format %s: exit %d, stdout %q", f, code, out)
		}
		oneLine(t, errs, "allow_cleartext_export is false")
	}
	// The encrypted backup stays allowed.
	if code, out, errs := prun(t, pfile, home, longPw+"\n", "vault", "export", "--format", "authdesk", "--password-file", "-"); code != 0 || out == "" {
		t.Errorf("export --format authdesk: %d %q", code, errs)
	}

	// Imports refused.
	links := filepath.Join(dir, "links.txt")
	if err := os.WriteFile(links, []byte(rfcHOTPURI+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs = prun(t, pfile, home, longPw+"\n", "vault", "import", links, "--password-file", "-")
	if code != ExitRefused {
		t.Errorf("vault import: exit %d", code)
	}
	oneLine(t, errs, "allow_import is false")
	code, out, errs := prun(t, pfile, home, "", "import", links)
	if code != ExitRefused || out != "" {
		t.Errorf("import: exit %d stdout %q", code, out)
	}
	oneLine(t, errs, "allow_import is false")
	if code, out, _ := prun(t, pfile, home, longPw+"\n", "vault", "list", "--password-file", "-"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("after the refused import the vault lists %q", out)
	}
}
