package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"authdesk/otpcore"
	"authdesk/otpcore/transfer"
)

// fixtureKeys are the Base32 keys of the Aegis fixtures (testdata/import,
// see MANIFEST.tsv): none may reach standard error.
var fixtureKeys = []string{"4SJHB4GSD43FZBAI7C2HLRJGPQ", "5OM4WOOGPLQEF6UGN3CPEOOLWU", "7ELGJSGXNCCTV3O6LKJWYFV2RA",
	"YOOMIXWS5GN6RTBPUFFWKTW5M4", "KUVJJOM753IHTNDSZVCNKL7GII", "5VAML3X35THCEBVRLV24CGBKOY", "JRZCL47CMXVOQMNPZR2F7J4RGI"}

func importFixture(name string) string { return filepath.Join("testdata", "import", name) }

// tstep is one CLI run: its exit status, standard output (exact, or every
// line an otpauth link when links > 0) and a piece of standard error.
type tstep struct {
	name   string
	stdin  string
	args   []string
	code   int
	stdout string
	links  int
	stderr string
}

func runTransferSteps(t *testing.T, home string, steps []tstep) {
	t.Helper()
	for _, s := range steps {
		code, out, errs := vrun(t, home, s.stdin, s.args...)
		ok := code == s.code && strings.Contains(errs, s.stderr)
		if s.links > 0 {
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			ok = ok && len(lines) == s.links
			for _, l := range lines {
				if _, err := otpcore.ParseURI(l); err != nil {
					ok = false
				}
			}
		} else if s.stdout != "*" {
			ok = ok && out == s.stdout
		}
		if !ok {
			t.Fatalf("%s: exit %d stdout %q stderr %q; want exit %d, %d links or stdout %q, stderr with %q", s.name, code, out, errs, s.code, s.links, s.stdout, s.stderr)
		}
		if s.code != 0 && !strings.Contains(errs, ": skipped ") && strings.Count(errs, "\n") != 1 { // the error, after the skipped entries
			t.Errorf("%s: stderr must be one line: %q", s.name, errs)
		}
		for _, k := range append(fixtureKeys, "hunter2", "JBSWY3DPEHPK3PXP") {
			if strings.Contains(errs, k) || s.links == 0 && s.stdout != "*" && strings.Contains(out, k) {
				t.Fatalf("%s: a key or a password on the output: %q %q", s.name, out, errs)
			}
		}
	}
}

func TestImportCLI(t *testing.T) {
	dir := t.TempDir()
	motp := filepath.Join(dir, "motp.json")
	os.WriteFile(motp, []byte(`{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[
	 {"type":"motp","name":"m","issuer":"MOTP","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5","digits":6,"period":10,"pin":"1234"}},
	 {"type":"totp","name":"ok","issuer":"X","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}]}}`), 0o600)
	onlyMOTP := filepath.Join(dir, "only-motp.json")
	os.WriteFile(onlyMOTP, []byte(`{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[
	 {"type":"motp","name":"m","issuer":"MOTP","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5","digits":6,"period":10}}]}}`), 0o600)
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("groceries\n"), 0o600)
	enc, _ := os.ReadFile(importFixture("Aegis__aegis_encrypted.json"))
	truncated := filepath.Join(dir, "truncated.json")
	os.WriteFile(truncated, enc[:len(enc)/2], 0o600)
	pwFile := filepath.Join(dir, "pw")
	os.WriteFile(pwFile, []byte("test\n"), 0o600)
	acc, _ := otpcore.ParseURI("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")
	links, _ := transfer.GoogleMigration([]otpcore.Account{acc, acc}, 42)
	png, _ := transfer.QRPNG(links[0], 3)
	qr := filepath.Join(dir, "google.png")
	os.WriteFile(qr, png, 0o600)
	eleven := make([]otpcore.Account, 11)
	for i := range eleven {
		eleven[i] = acc
	}
	links, _ = transfer.GoogleMigration(eleven, 43)
	png, _ = transfer.QRPNG(links[1], 3)
	part2 := filepath.Join(dir, "google-2.png")
	os.WriteFile(part2, png, 0o600)

	runTransferSteps(t, t.TempDir(), []tstep{
		{"plain Aegis", "", []string{"import", importFixture("Aegis__aegis_plain.json")}, 0, "", 7, ""},
		{"encrypted, password from stdin", "test\n", []string{"import", "--password-file", "-", importFixture("Aegis__aegis_encrypted.json")}, 0, "", 7, ""},
		{"encrypted, password file", "", []string{"import", importFixture("Aegis__aegis_encrypted.json"), "--password-file", pwFile}, 0, "", 7, ""},
		{"encrypted, no password", "", []string{"import", importFixture("Aegis__aegis_encrypted.json")}, 2, "", 0, "no terminal to ask for the password"},
		{"wrong password", "hunter2\n", []string{"import", "--password-file", "-", importFixture("Aegis__aegis_encrypted.json")}, 1, "", 0, "wrong password: it does not open this Aegis vault"},
		{"truncated", "test\n", []string{"import", "--password-file", "-", truncated}, 2, "", 0, "the export is damaged"},
		{"not an export", "", []string{"import", notes}, 2, "", 0, "unknown export format"},
		{"forced format", "", []string{"import", "--format", "2fas", importFixture("Aegis__aegis_plain.json")}, 2, "", 0,
			"the file is of another kind (Aegis vault (JSON, plain or encrypted)) than the one chosen (2FAS backup (.2fas, plain or encrypted)); let the format be detected"},
		{"bad format name", "", []string{"import", "--format", "authy", notes}, 2, "", 0, `unknown export format "authy": use one of 2fas, aegis`},
		{"missing file", "", []string{"import", filepath.Join(dir, "nope")}, 2, "", 0, "cannot read the file: no such file"},
		{"no file", "", []string{"import"}, 2, "", 0, "give one export file"},
		{"mOTP skipped", "", []string{"import", motp}, 0, "", 1, `authdesk import: skipped "MOTP: m": mOTP tokens are not supported`},
		{"only mOTP", "", []string{"import", onlyMOTP}, 1, "", 0, "no account could be imported"},
		{"Google export QR image", "", []string{"import", qr}, 0, "", 2, ""},
		{"second of two codes", "", []string{"import", part2}, 0, "", 1,
			"authdesk import: note: this Google Authenticator export has 2 QR codes and code(s) 1 of them are not in this image: import them too\n"},
	})
	// An mOTP entry is named on stderr with exit 0: exactly one line.
	if _, _, errs := vrun(t, t.TempDir(), "", "import", motp); strings.Count(errs, "\n") != 1 {
		t.Errorf("skipped lines: %q", errs)
	}
}

func TestVaultImportExportCLI(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	pw := vaultPw + "\n"
	backupFile := filepath.Join(dir, "backup.authdesk")
	otherBackup := filepath.Join(dir, "other.authdesk")
	otherPw := filepath.Join(dir, "other-pw")
	os.WriteFile(otherPw, []byte("another password\n"), 0o600)
	uris := filepath.Join(dir, "uris.txt")
	qr := filepath.Join(dir, "phone.png")
	googleTxt := filepath.Join(dir, "google.txt")
	added := "added \"Deno: Mason\"\nadded \"SPDX: James\"\nadded \"Airbnb: Elijah\"\nadded \"Issuu: James\"\n" +
		"added \"Air Canada: Benjamin\"\nadded \"WWE: Mason\"\nadded \"Boeing: Sophia\"\n"
	runTransferSteps(t, home, []tstep{
		{"init", pw, []string{"vault", "init", "--store", "file", "--password-file", "-"}, 0, "*", 0, ""},
		{"import encrypted Aegis", pw + "test\n", []string{"vault", "import", importFixture("Aegis__aegis_encrypted.json"), "--password-file", "-", "--backup-password-file", "-"}, 0,
			added + "imported 7 of 7 accounts (0 renamed, 0 already in the vault, 0 skipped)\n", 0, ""},
		{"import the same again", pw, []string{"vault", "import", importFixture("Aegis__aegis_plain.json"), "--password-file", "-"}, 0, "*", 0, ""},
		{"list", pw, []string{"vault", "list", "--password-file", "-"}, 0,
			"Deno: Mason\tDeno\ttotp\nSPDX: James\tSPDX\ttotp\nAirbnb: Elijah\tAirbnb\ttotp\nIssuu: James\tIssuu\thotp\nAir Canada: Benjamin\tAir Canada\thotp\nWWE: Mason\tWWE\thotp\nBoeing: Sophia\tBoeing\tsteam\n", 0, ""},
		{"wrong export password", pw + "hunter2\n", []string{"vault", "import", importFixture("Aegis__aegis_encrypted.json"), "--password-file", "-", "--backup-password-file", "-"}, 1, "", 0, "wrong password"},
		{"export backup", pw, []string{"vault", "export", "--format", "authdesk", "--out", backupFile, "--password-file", "-"}, 0,
			"wrote an encrypted backup of 7 accounts to " + backupFile + "\n", 0, ""},
		{"export backup, own password", pw + "another password\n", []string{"vault", "export", "--format", "authdesk", "--out", otherBackup, "--password-file", "-", "--backup-password-file", "-"}, 0, "*", 0, ""},
		{"export uris to stdout (a pipe)", pw, []string{"vault", "export", "--format", "uris", "--password-file", "-"}, 0, "", 7, "warning: the output holds keys in the clear"},
		{"export uris to a file", pw, []string{"vault", "export", "--format", "uris", "--out", uris, "--password-file", "-"}, 0,
			"wrote 7 otpauth:// link(s) to " + uris + "\n", 0, "holds keys in the clear"},
		{"export google QR", pw, []string{"vault", "export", "--format", "google", "--out", qr, "--password-file", "-"}, 0,
			"wrote QR code 1 of 1 to " + qr + "\n", 0, `skipped "Boeing: Sophia": Google Authenticator's export format cannot carry this account: Steam Guard`},
		{"export google links", pw, []string{"vault", "export", "--format", "google", "--out", googleTxt, "--password-file", "-"}, 0,
			"wrote 1 Google Authenticator export link(s) to " + googleTxt + "\n", 0, "holds keys in the clear"},
		{"print the Google links", "", []string{"import", googleTxt}, 0, "", 3, ""},
		{"print the backup", pw, []string{"import", backupFile, "--password-file", "-"}, 0, "", 7, ""},
		{"export per-account QR codes", pw, []string{"vault", "export", "--format", "uris", "--out", filepath.Join(dir, "acct.png"), "--password-file", "-"}, 0, "*", 0, ""},
		{"scan the Steam account's code", "", []string{"import", filepath.Join(dir, "acct-7.png")}, 0, "", 1, ""},
		{"export without format", pw, []string{"vault", "export", "--password-file", "-"}, 2, "", 0, "give --format authdesk, uris or google"},
		{"import a missing file", pw, []string{"vault", "import", filepath.Join(dir, "nope"), "--password-file", "-"}, 2, "", 0, "cannot read the file"},
	})
	if st, err := os.Stat(uris); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("uris file: %v %v", st.Mode(), err)
	}
	if _, out, _ := vrun(t, home, "", "import", filepath.Join(dir, "acct-7.png")); !strings.HasPrefix(out, "otpauth://totp/Boeing:Sophia?") || !strings.Contains(out, "encoder=steam") {
		t.Errorf("the 7th account's QR code: %q", out)
	}
	// The Google QR code holds the accounts Google's format carries.
	code, out, _ := vrun(t, home, "", "import", qr)
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("scanned the export QR: %d %q", code, out)
	}
	// A new profile from the backups: the same list, and the same codes.
	runTransferSteps(t, home, []tstep{
		{"init new", pw, []string{"vault", "init", "--profile", "new", "--store", "file", "--password-file", "-"}, 0, "*", 0, ""},
		{"restore with the vault password", pw, []string{"vault", "import", backupFile, "--profile", "new", "--password-file", "-"}, 0, added + "imported 7 of 7 accounts (0 renamed, 0 already in the vault, 0 skipped)\n", 0, ""},
		{"init other", pw, []string{"vault", "init", "--profile", "other", "--store", "file", "--password-file", "-"}, 0, "*", 0, ""},
		{"the backup's own password is needed", pw, []string{"vault", "import", otherBackup, "--profile", "other", "--password-file", "-"}, 1, "", 0,
			"wrong password: it does not open this authdesk backup (or the backup was changed since it was written); the vault's password was tried: give the backup's with --backup-password-file"},
		{"restore with the backup password", pw, []string{"vault", "import", otherBackup, "--profile", "other", "--password-file", "-", "--backup-password-file", otherPw}, 0, "*", 0, ""},
	})
	// HOTP codes move the counter: each profile is asked once.
	for _, name := range []string{"Deno: Mason", "Boeing: Sophia", "Issuu: James"} {
		c1, want, _ := vrun(t, home, pw, "vault", "code", name, "--password-file", "-")
		for _, p := range []string{"new", "other"} {
			c2, got, _ := vrun(t, home, pw, "vault", "code", name, "--profile", p, "--password-file", "-")
			if c1 != 0 || c2 != 0 || got != want || want == "" {
				t.Errorf("profile %s, %s: code %q (%d), want %q (%d)", p, name, got, c2, want, c1)
			}
		}
	}
}
