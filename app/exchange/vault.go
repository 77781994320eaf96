package exchange

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"authdesk/app/vault"
	"authdesk/otpcore"
	"authdesk/otpcore/backup"
	"authdesk/otpcore/importer"
	"authdesk/otpcore/transfer"
)

// Report says what AddToVault did with each entry.
type Report struct {
	Added    []string  // the vault names of the added accounts, in order
	Renamed  []Renamed // added under another name: the suggested one was taken
	Existing []Renamed // not added: the same account is in the vault (To: its name there)
	Failed   []importer.Skipped
}

// Renamed pairs an entry's suggested name with the vault's name.
type Renamed struct{ From, To string }

// Planned is what AddToVault will do with one entry; a GUI shows it before
// the import and lets the person skip entries or edit names.
type Planned struct {
	Entry importer.Entry
	// Name is the vault name it gets: Entry.Name cleaned, with " (2)"...
	// when that is taken (Renamed is then true).
	Name    string
	Renamed bool
	// Existing is the vault's name of the same account (same type, issuer,
	// account name, key and parameters) when it is there already, or the
	// name planned for it when it comes earlier in the same import: the
	// entry is not added again.
	Existing string
}

// Plan tells, without changing the vault, what AddToVault would do with
// each entry (in order; names stay unique among the entries too).
func Plan(v *vault.Vault, entries []importer.Entry) ([]Planned, error) {
	have, err := v.Entries()
	if err != nil {
		return nil, err
	}
	defer func() {
		for i := range have {
			have[i].Account.Wipe()
		}
	}()
	taken := map[string]bool{}
	for _, e := range have {
		taken[strings.ToLower(e.Name)] = true
	}
	out := make([]Planned, 0, len(entries))
	var earlier []vault.Entry // this import's own, not to be wiped here
	for _, in := range entries {
		p := Planned{Entry: in}
		name, ok := existing(have, in.Account)
		if !ok {
			name, ok = existing(earlier, in.Account)
		}
		if ok {
			p.Existing = name
			out = append(out, p)
			continue
		}
		base := cleanName(in.Name, in.Account)
		p.Name = base
		for n := 2; taken[strings.ToLower(p.Name)]; n++ {
			p.Name = suffixed(base, n)
		}
		p.Renamed = p.Name != in.Name
		taken[strings.ToLower(p.Name)] = true
		earlier = append(earlier, vault.Entry{Name: p.Name, Account: in.Account})
		out = append(out, p)
	}
	return out, nil
}

// AddToVault adds the entries to an unlocked vault (see the package doc
// for duplicates). An error of the store (a locked keychain...) stops the
// import: the report tells what was added before it.
func AddToVault(v *vault.Vault, entries []importer.Entry) (Report, error) {
	return AddToVaultProgress(v, entries, nil)
}

// AddToVaultProgress is AddToVault calling progress (when not nil) after
// each entry with the number done and the total, for a progress bar.
func AddToVaultProgress(v *vault.Vault, entries []importer.Entry, progress func(done, total int)) (Report, error) {
	var rep Report
	plan, err := Plan(v, entries)
	if err != nil {
		return rep, err
	}
	for i, p := range plan {
		if progress != nil && i > 0 {
			progress(i, len(plan))
		}
		if p.Existing != "" {
			rep.Existing = append(rep.Existing, Renamed{From: p.Entry.Name, To: p.Existing})
			continue
		}
		name := p.Name
		e, err := v.Add(name, p.Entry.Account)
		for n := 2; errors.Is(err, vault.ErrDuplicateName) && n < 1000; n++ { // another process took it
			name = suffixed(cleanName(p.Entry.Name, p.Entry.Account), n)
			e, err = v.Add(name, p.Entry.Account)
		}
		if err != nil {
			if errors.Is(err, otpcore.ErrSecret) || errors.Is(err, vault.ErrBadName) || errors.Is(err, vault.ErrItemTooLarge) ||
				errors.Is(err, vault.ErrDuplicateName) || isValidation(err) {
				rep.Failed = append(rep.Failed, importer.Skipped{Name: p.Entry.Name, Reason: err.Error()})
				continue
			}
			return rep, fmt.Errorf("after %d added: %w", len(rep.Added), err)
		}
		e.Account.Wipe()
		if p.Entry.Pinned {
			if err := v.SetPinned(e.ID, true); err != nil {
				return rep, fmt.Errorf("after %d added: %w", len(rep.Added), err)
			}
		}
		rep.Added = append(rep.Added, name)
		if name != p.Entry.Name {
			rep.Renamed = append(rep.Renamed, Renamed{From: p.Entry.Name, To: name})
		}
	}
	if progress != nil {
		progress(len(plan), len(plan))
	}
	return rep, nil
}

func isValidation(err error) bool {
	for _, s := range []error{otpcore.ErrType, otpcore.ErrAlgorithm, otpcore.ErrDigits, otpcore.ErrPeriod, otpcore.ErrCounter} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// existing finds the vault's name of an account with the same key and
// parameters.
func existing(have []vault.Entry, a otpcore.Account) (string, bool) {
	for _, e := range have {
		b := e.Account
		if e.Err == nil && a.Type == b.Type && a.Issuer == b.Issuer && a.Name == b.Name && a.Secret.Equal(b.Secret) &&
			a.Algorithm == b.Algorithm && a.Digits == b.Digits && (a.Type == otpcore.HOTP || a.Period == b.Period) {
			return e.Name, true
		}
	}
	return "", false
}

// cleanName makes a suggested name valid for the vault, leaving room for a
// " (NN)" suffix.
func cleanName(name string, a otpcore.Account) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(name, "")))
	if name == "" {
		name = a.DisplayName()
	}
	if name == "" {
		name = "Imported account"
	}
	if max := vault.MaxNameLen - 6; utf8.RuneCountInString(name) > max {
		name = strings.TrimSpace(string([]rune(name)[:max]))
	}
	return name
}

func suffixed(base string, n int) string { return fmt.Sprintf("%s (%d)", base, n) }

// VaultEntries returns the unlocked vault's accounts in its order as backup
// entries (clones the caller wipes). Accounts whose item cannot be read
// are returned in skipped.
func VaultEntries(v *vault.Vault) ([]backup.Entry, []otpcore.Skipped, error) {
	es, err := v.Entries()
	if err != nil {
		return nil, nil, err
	}
	var out []backup.Entry
	var skipped []otpcore.Skipped
	for _, e := range es {
		if e.Err != nil {
			skipped = append(skipped, otpcore.Skipped{Name: e.Name, Reason: e.Err.Error()})
			continue
		}
		out = append(out, backup.Entry{Name: e.Name, Pinned: e.Pinned, Account: e.Account})
	}
	return out, skipped, nil
}

// Backup seals the unlocked vault's accounts as an authdesk backup. An
// account whose item cannot be read makes it fail: a backup is whole.
func Backup(v *vault.Vault, password []byte, p backup.Params, now time.Time) ([]byte, error) {
	es, skipped, err := VaultEntries(v)
	defer wipeEntries(es)
	if err != nil {
		return nil, err
	}
	if len(skipped) > 0 {
		return nil, fmt.Errorf("account %q cannot be read (%s); repair or delete it before making a backup", skipped[0].Name, skipped[0].Reason)
	}
	return backup.Seal(es, password, p, now)
}

// GoogleLinks encodes the unlocked vault's accounts as Google
// Authenticator export links, with a random batch id.
func GoogleLinks(v *vault.Vault) ([]string, []otpcore.Skipped, error) {
	es, skipped, err := VaultEntries(v)
	defer wipeEntries(es)
	if err != nil {
		return nil, nil, err
	}
	accs := make([]otpcore.Account, len(es))
	for i, e := range es {
		accs[i] = e.Account
	}
	id, err := randomBatchID()
	if err != nil {
		return nil, nil, err
	}
	links, more := transfer.GoogleMigration(accs, id)
	return links, append(skipped, more...), nil
}

func wipeEntries(es []backup.Entry) {
	for i := range es {
		es[i].Account.Wipe()
	}
}
