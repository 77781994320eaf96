package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Keys in the clear never go to a terminal without --out.
func TestVaultExportRefusesTerminal(t *testing.T) {
	tty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer tty.Close()
	if !isTerminal(tty) {
		t.Skip("/dev/ptmx is not a terminal here")
	}
	home := t.TempDir()
	pw := vaultPw + "\n"
	runTransferSteps(t, home, []tstep{
		{"init", pw, []string{"vault", "init", "--store", "file", "--password-file", "-"}, 0, "*", 0, ""},
		{"add", pw, []string{"vault", "add", "--name", "Bank", "otpauth://totp/Bank:me?secret=JBSWY3DPEHPK3PXP", "--password-file", "-"}, 0, "*", 0, ""},
	})
	for _, format := range []string{"uris", "google"} {
		var errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(pw), Stdout: tty, Stderr: &errb, Now: time.Now,
			Getenv: func(k string) string { return map[string]string{"AUTHDESK_HOME": home}[k] }}
		code := Run(env, []string{"vault", "export", "--format", format, "--password-file", "-"})
		if code != ExitBadInput || !strings.Contains(errb.String(), "refusing to print keys in the clear on the terminal") {
			t.Errorf("%s to a terminal: exit %d, %q", format, code, errb.String())
		}
	}
}

// Import and export against the real Secret Service.
func TestVaultTransferKeyring(t *testing.T) {
	if os.Getenv("AUTHDESK_TEST_KEYRING") != "1" {
		t.Skip("needs a real Secret Service: run through scripts/in-session.sh (make test) which sets AUTHDESK_TEST_KEYRING=1")
	}
	home, dir := t.TempDir(), t.TempDir()
	pw := vaultPw + "\n"
	backupFile := filepath.Join(dir, "kr.authdesk")
	runTransferSteps(t, home, []tstep{
		{"init", pw, []string{"vault", "init", "--profile", "kr", "--password-file", "-"}, 0, "*", 0, ""},
		{"import", pw, []string{"vault", "import", "--profile", "kr", importFixture("Aegis__aegis_plain.json"), "--password-file", "-"}, 0, "*", 0, ""},
		{"export", pw, []string{"vault", "export", "--profile", "kr", "--format", "authdesk", "--out", backupFile, "--password-file", "-"}, 0,
			"wrote an encrypted backup of 7 accounts to " + backupFile + "\n", 0, ""},
		{"init 2", pw, []string{"vault", "init", "--profile", "kr2", "--password-file", "-"}, 0, "*", 0, ""},
		{"restore", pw, []string{"vault", "import", "--profile", "kr2", backupFile, "--password-file", "-"}, 0, "*", 0, ""},
	})
	_, a, _ := vrun(t, home, pw, "vault", "list", "--profile", "kr", "--password-file", "-")
	_, b, _ := vrun(t, home, pw, "vault", "list", "--profile", "kr2", "--password-file", "-")
	if a != b || strings.Count(a, "\n") != 7 {
		t.Errorf("lists differ:\n%s\n%s", a, b)
	}
	for _, p := range []string{"kr", "kr2"} {
		for _, name := range []string{"Deno: Mason", "SPDX: James", "Airbnb: Elijah", "Issuu: James", "Air Canada: Benjamin", "WWE: Mason", "Boeing: Sophia"} {
			vrun(t, home, pw, "vault", "delete", "--profile", p, name, "--password-file", "-")
		}
	}
}
