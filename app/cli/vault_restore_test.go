package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// A person who puts back an old vault.json meets a one-line refusal that
// names the way out; accept-restored with the copy's password takes it.
func TestVaultCLIRollbackAndAcceptRestored(t *testing.T) {
	home := t.TempDir()
	pw := vaultPw + "\n"
	runSteps(t, home, []vstep{
		{"init", pw, []string{"vault", "init", "--store", "file", "--password-file", "-"}, 0, "created the vault of profile \"default\" (file store)\n", ""},
		{"add", pw + rfcURI + "\n", []string{"vault", "add", "--name", "Bank", "-", "--password-file", "-"}, 0,
			"added \"Bank\" (totp \"RFC: test\" (SHA1, 6 digits, 30 s))\n", ""},
	})
	header := filepath.Join(home, "profiles", "default", "vault.json")
	old, err := os.ReadFile(header)
	if err != nil {
		t.Fatal(err)
	}
	runSteps(t, home, []vstep{
		{"delete", pw, []string{"vault", "delete", "Bank", "--password-file", "-"}, 0, "deleted \"Bank\"\n", ""},
	})
	if err := os.WriteFile(header, old, 0o600); err != nil {
		t.Fatal(err)
	}
	runSteps(t, home, []vstep{
		{"old vault.json refused", pw, []string{"vault", "list", "--password-file", "-"}, 1, "", "run 'authdesk vault accept-restored'"},
		{"accept-restored, wrong password", "guess\n", []string{"vault", "accept-restored", "--password-file", "-"}, 1, "", "wrong password"},
		{"accept-restored", pw, []string{"vault", "accept-restored", "--password-file", "-"}, 0, "accepted the restored vault of profile \"default\"; it opens with its password\n", ""},
		// The deleted account's item is gone: the list says so and how to fix it.
		{"list", pw, []string{"vault", "list", "--password-file", "-"}, 0, "", "account \"Bank\": the account's sealed item is missing from the file store; delete the account and add it again"},
	})
}
