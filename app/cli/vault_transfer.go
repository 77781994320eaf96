package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"authdesk/app/exchange"
	"authdesk/otpcore/backup"
	"authdesk/otpcore/importer"
	"authdesk/otpcore/transfer"
)

// vaultTransferUsage is the part of 'authdesk help vault' about import and
// export.
const vaultTransferUsage = `  import FILE              add the accounts of an export or backup (the
                           formats of 'authdesk help import', --format F to
                           choose). An account already in the vault (same
                           key and fields) is not added twice; a name in use
                           gets a suffix: "Bank (2)". Both are reported.
  export --format authdesk|uris|google [--out FILE]
                           authdesk: an encrypted backup of every account
                           (names, order, pins; docs/backup-format.md tells
                           how to open one without authdesk)
                           uris: otpauth:// links, one a line, in the clear
                           google: Google Authenticator export links, 10
                           accounts each (accounts the format cannot carry
                           are named on standard error)
                           --out FILE writes the file (mode 0600; without
                           it a backup goes to standard output); with
                           uris or google, a FILE ending in .png writes QR
                           codes to scan with a phone: FILE, or FILE-1.png,
                           FILE-2.png... when there are several. Without
                           --out, uris and google print only when standard
                           output is not a terminal (a pipe or a file).
`

// exportFormats are the formats of 'vault export'.
var exportFormats = map[string]bool{"authdesk": true, "uris": true, "google": true}

// kdfForBackup is the cost of a backup's key: the vault's (cheap in tests).
func kdfForBackup() backup.Params {
	if testKDF.Time != 0 {
		return backup.Params{Time: testKDF.Time, MemoryKiB: testKDF.Memory, Threads: testKDF.Threads}
	}
	return backup.Default
}

// vaultPassword opens the profile's vault (locked) and reads its password
// before any slow work; the caller wipes it.
func (r *vaultRun) vaultPassword() ([]byte, error) {
	if err := r.openExisting(); err != nil {
		return nil, err
	}
	return r.pw.read(r.args.passwordFile, "Vault password: ")
}

func (r *vaultRun) importFile() error {
	if err := r.env.policy().CheckImport(); err != nil {
		return err
	}
	if err := linkAsFile(r.args.pos[0]); err != nil {
		return err
	}
	format, err := exchange.ParseFormat(r.args.format)
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	pw, err := r.vaultPassword()
	if err != nil {
		return err
	}
	defer wipe(pw)
	// The export's password: --backup-password-file, else the vault's for
	// an authdesk backup, else asked.
	path := r.args.pos[0]
	var fallback []byte
	if f, err := exchange.DetectFile(path, format); err == nil && f == importer.Authdesk {
		fallback = pw
	}
	res, err := readExport(r.pw, path, format, r.args.backupPwFile, fallback)
	if err != nil {
		if fallback != nil && r.args.backupPwFile == "" && errors.Is(err, importer.ErrWrongPassword) {
			return fmt.Errorf("%w; the vault's password was tried: give the backup's with --backup-password-file", err)
		}
		return err
	}
	defer res.Wipe()
	if err := r.unlockWith(pw); err != nil {
		return err
	}
	defer r.v.Lock()
	rep, err := exchange.AddToVault(r.v, res.Accounts)
	renamed := map[string]string{}
	for _, rn := range rep.Renamed {
		renamed[rn.To] = rn.From
	}
	for _, name := range rep.Added {
		if from, ok := renamed[name]; ok {
			fmt.Fprintf(r.env.Stdout, "added %q (%q is taken)\n", name, from)
			continue
		}
		fmt.Fprintf(r.env.Stdout, "added %q\n", name)
	}
	for _, e := range rep.Existing {
		if e.From == e.To {
			fmt.Fprintf(r.env.Stdout, "already in the vault: %q\n", e.To)
			continue
		}
		fmt.Fprintf(r.env.Stdout, "already in the vault: %q (as %q)\n", e.From, e.To)
	}
	if err != nil {
		return err
	}
	printSkipped(r.env.Stderr, "vault import", append(res.Skipped, rep.Failed...))
	printNotes(r.env.Stderr, "vault import", res.Notes)
	fmt.Fprintf(r.env.Stdout, "imported %d of %d accounts (%d renamed, %d already in the vault, %d skipped)\n",
		len(rep.Added), len(res.Accounts)+len(res.Skipped), len(rep.Renamed), len(rep.Existing), len(res.Skipped)+len(rep.Failed))
	if len(rep.Added) == 0 && len(rep.Existing) == 0 {
		return fmt.Errorf("%w: no account could be imported from %s", importer.ErrEmpty, path)
	}
	return nil
}

func (r *vaultRun) export() error {
	f := strings.ToLower(r.args.format)
	if !exportFormats[f] {
		return fmt.Errorf("%w: give --format authdesk, uris or google; run 'authdesk help vault'", errUsage)
	}
	if err := r.env.policy().CheckExport(f); err != nil {
		return err
	}
	out := r.args.out
	if out == "" && f != "authdesk" && isTerminal(r.env.Stdout) {
		return fmt.Errorf("%w: the %s export holds every key in the clear; write it with --out FILE, or pipe it", errClearText, f)
	}
	pw, err := r.vaultPassword()
	if err != nil {
		return err
	}
	defer wipe(pw)
	var backupPw []byte
	if f == "authdesk" && r.args.backupPwFile != "" {
		if backupPw, err = r.pw.readNew(r.args.backupPwFile, "Backup password: "); err != nil {
			return err
		}
		defer wipe(backupPw)
	}
	if err := r.unlockWith(pw); err != nil {
		return err
	}
	defer r.v.Lock()
	switch f {
	case "authdesk":
		if backupPw == nil {
			backupPw = pw
		}
		return r.exportBackup(backupPw, out)
	case "uris":
		es, skipped, err := exchange.VaultEntries(r.v)
		if err != nil {
			return err
		}
		defer func() {
			for i := range es {
				es[i].Account.Wipe()
			}
		}()
		printSkipped(r.env.Stderr, "vault export", skipped)
		texts := make([]string, len(es))
		for i, e := range es {
			texts[i] = e.Account.ExportURI()
		}
		return r.writeTexts(texts, out, "otpauth:// link")
	}
	links, skipped, err := exchange.GoogleLinks(r.v)
	if err != nil {
		return err
	}
	printSkipped(r.env.Stderr, "vault export", skipped)
	if len(links) == 0 {
		return fmt.Errorf("%w: no account of this vault fits Google Authenticator's export", importer.ErrEmpty)
	}
	return r.writeTexts(links, out, "Google Authenticator export link")
}

func (r *vaultRun) exportBackup(password []byte, out string) error {
	data, err := exchange.Backup(r.v, password, kdfForBackup(), r.env.Now())
	if err != nil {
		return err
	}
	if out == "" {
		_, err := r.env.Stdout.Write(data)
		return err
	}
	if err := exchange.WriteFile(out, data); err != nil {
		return err
	}
	es, _ := r.v.Entries()
	for i := range es {
		es[i].Account.Wipe()
	}
	fmt.Fprintf(r.env.Stdout, "wrote an encrypted backup of %d accounts to %s\n", len(es), out)
	return nil
}

// writeTexts prints texts (links with keys in the clear), writes them to
// out, or draws them as QR codes when out ends in .png.
func (r *vaultRun) writeTexts(texts []string, out, what string) error {
	if out == "" {
		fmt.Fprintf(r.env.Stderr, "authdesk vault export: warning: the output holds keys in the clear; keep it out of logs and shared files\n")
		for _, t := range texts {
			fmt.Fprintln(r.env.Stdout, t)
		}
		return nil
	}
	fmt.Fprintf(r.env.Stderr, "authdesk vault export: warning: %s holds keys in the clear; delete it once they are moved\n", out)
	if !strings.EqualFold(filepath.Ext(out), ".png") {
		data := []byte(strings.Join(texts, "\n") + "\n")
		defer wipe(data)
		if err := exchange.WriteFile(out, data); err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "wrote %d %s(s) to %s\n", len(texts), what, out)
		return nil
	}
	for i, t := range texts {
		png, err := transfer.QRPNG(t, 4)
		if err != nil {
			return err
		}
		name := out
		if len(texts) > 1 {
			name = fmt.Sprintf("%s-%d.png", strings.TrimSuffix(out, filepath.Ext(out)), i+1)
		}
		if err := exchange.WriteFile(name, png); err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "wrote QR code %d of %d to %s\n", i+1, len(texts), name)
	}
	return nil
}
