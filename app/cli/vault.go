package cli

import (
	"errors"
	"fmt"
	"strings"

	"authdesk/app/settings"
	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/otpcore"
)

const vaultUsage = `Usage: authdesk vault SUBCOMMAND [--profile NAME] [--store keyring|file] [--password-file P] ...

Keep accounts in a vault locked with a password. Every key is sealed with the
vault's key before it reaches the OS keychain (or a file); without the
password nothing can be read.

Subcommands:
  init [--kiosk]           create the profile's vault (the password is asked
                           twice); --kiosk: shared-PC settings (lock after
                           60 s, clipboard cleared after 15 s, codes hidden
                           until clicked, lock when the window loses focus)
  add --name NAME -        add the account of the otpauth:// link read from
                           standard input under NAME (after the password
                           when that comes from standard input too); a link
                           given instead of '-' works, but other local users
                           can read it in the process list, so it warns
  list                     print one line per account: name<TAB>issuer<TAB>type
  code NAME                print the current code of an account (HOTP: the next
                           code, and the counter moves on)
  rename OLD NEW           rename an account
  delete NAME              delete an account and its sealed key
  passwd                   change the password (and the vault key: every
                           account is sealed again)
  accept-restored          after you put back your own copy of the profile
                           folder (or of vault.json), accept it: the vault
                           refuses an older vault.json than the last it saw,
                           to stop someone bringing back deleted accounts or
                           an old password; asks the copy's password
` + vaultTransferUsage + `
Options:
  --profile NAME           the profile (default "default"): each has its own
                           vault and password; all live under AUTHDESK_HOME
  --store keyring|file     where the sealed accounts live: the OS keychain
                           (default) or files in the profile folder, for
                           machines without a keychain; chosen at init
  --password-file P        read the password from the first line of file P
                           ('-': from standard input); otherwise it is asked
                           on the terminal without echo. Never give a
                           password as an argument or in the environment.
  --new-password-file P    passwd: the new password, the same way (otherwise
                           asked twice)
  --backup-password-file P export --format authdesk: seal the backup with the
                           password of file P ('-': standard input, after the
                           vault's) instead of the vault's; import: the
                           export's password (default: the vault's for an
                           authdesk backup, otherwise asked on the terminal)

Account names are unique without regard to case. After 5 wrong passwords in
a row each try must wait, 15 s doubling up to 15 min, even across restarts.

Exit status: 0 done; 1 refused (wrong password, a wait, unknown or duplicate
name, no vault, keychain trouble); 2 bad usage or bad input.
`

// testKDF, when set by tests, replaces the KDF parameters of new vaults and
// passwords (tests cannot spend half a second per derivation).
var testKDF seal.Params

func vaultCommand() Command {
	c := Command{Name: "vault", Synopsis: "keep accounts in a password-locked vault (init, add, list, code...)", Usage: vaultUsage}
	c.Run = func(env *Env, args []string) int { return runVault(env, c, args) }
	return c
}

// vaultArgs are the parsed options of one vault subcommand.
type vaultArgs struct {
	sub          string
	profile      string
	store        string
	passwordFile string
	newPwFile    string
	name         string
	kiosk        bool
	pos          []string
	format       string // import, export
	out          string // export
	backupPwFile string // import, export
}

// vaultSubs maps each subcommand to its number of positional arguments and
// its function.
var vaultSubs = map[string]struct {
	nargs int
	run   func(*vaultRun) error
}{
	"init":            {0, (*vaultRun).init},
	"add":             {1, (*vaultRun).add},
	"list":            {0, (*vaultRun).list},
	"code":            {1, (*vaultRun).code},
	"rename":          {2, (*vaultRun).rename},
	"delete":          {1, (*vaultRun).delete},
	"passwd":          {0, (*vaultRun).passwd},
	"accept-restored": {0, (*vaultRun).acceptRestored},
	"import":          {1, (*vaultRun).importFile},
	"export":          {0, (*vaultRun).export},
}

func runVault(env *Env, c Command, args []string) int {
	if len(args) == 0 {
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("give a subcommand: init, add, list, code, rename, delete, passwd, import or export; run 'authdesk help vault'"))
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(env.Stdout, c.Usage)
		return ExitOK
	}
	sub, ok := vaultSubs[args[0]]
	if !ok {
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("unknown subcommand: use init, add, list, code, rename, delete, passwd, import or export"))
	}
	a := vaultArgs{sub: args[0]}
	fs := newFlags("vault " + a.sub)
	fs.StringVar(&a.profile, "profile", "", "profile")
	fs.StringVar(&a.store, "store", "", "keyring or file")
	fs.StringVar(&a.passwordFile, "password-file", "", "password file")
	if a.sub == "passwd" {
		fs.StringVar(&a.newPwFile, "new-password-file", "", "new password file")
	}
	if a.sub == "add" {
		fs.StringVar(&a.name, "name", "", "account name")
	}
	if a.sub == "import" || a.sub == "export" {
		fs.StringVar(&a.format, "format", "", "format")
		fs.StringVar(&a.backupPwFile, "backup-password-file", "", "backup password file")
	}
	if a.sub == "export" {
		fs.StringVar(&a.out, "out", "", "output file")
	}
	if a.sub == "init" {
		fs.BoolVar(&a.kiosk, "kiosk", false, "kiosk settings")
	}
	if code, ok := parseFlags(env, c, fs, args[1:]); !ok {
		return code
	}
	a.pos = fs.Args()
	if len(a.pos) != sub.nargs {
		return env.Fail(ExitBadInput, c.Name+" "+a.sub, fmt.Errorf("%w: %s takes %d argument(s), not %d; run 'authdesk help vault'", errUsage, a.sub, sub.nargs, len(a.pos)))
	}
	r := &vaultRun{env: env, args: a, pw: newPasswords(env)}
	if err := sub.run(r); err != nil {
		return env.Fail(exchangeExit(err), c.Name+" "+a.sub, err)
	}
	return ExitOK
}

// vaultExit maps an error to the exit status.
func vaultExit(err error) int {
	for _, e := range []error{errUsage, errNoTerminal, vault.ErrBadName, vault.ErrBadProfile, vault.ErrStoreMismatch, errBadStore} {
		if errors.Is(err, e) {
			return ExitBadInput
		}
	}
	for _, e := range []error{otpcore.ErrScheme, otpcore.ErrType, otpcore.ErrLabel, otpcore.ErrSecret, otpcore.ErrAlgorithm,
		otpcore.ErrDigits, otpcore.ErrPeriod, otpcore.ErrCounter, otpcore.ErrParameter, otpcore.ErrNotOTP, otpcore.ErrMigration} {
		if errors.Is(err, e) {
			return ExitBadInput
		}
	}
	return ExitRefused
}

var errBadStore = errors.New("bad --store")

// vaultRun is one run of a vault subcommand.
type vaultRun struct {
	env  *Env
	args vaultArgs
	pw   *passwords
	v    *vault.Vault
}

// open returns the profile's vault handle, locked.
func (r *vaultRun) open() error {
	home, err := vault.DefaultHome(r.env.Getenv)
	if err != nil {
		return err
	}
	var kind vault.StoreKind
	if r.args.store != "" {
		if kind, err = vault.ParseStoreKind(r.args.store); err != nil {
			return fmt.Errorf("%w: %w", errBadStore, err)
		}
	}
	r.v, err = vault.Open(vault.Options{Home: home, Profile: r.args.profile, Store: kind, KDF: testKDF, Now: r.env.Now})
	return err
}

// unlock opens the vault with the password from --password-file or the
// terminal.
func (r *vaultRun) unlock() error {
	pw, err := r.vaultPassword()
	if err != nil {
		return err
	}
	defer wipe(pw)
	return r.unlockWith(pw)
}

// unlockWith opens the vault with pw, and says on stderr what the unlock
// merged of other PCs' copies of a shared profile, if anything.
func (r *vaultRun) unlockWith(pw []byte) error {
	if err := r.v.Unlock(pw, r.env.Now()); err != nil {
		return err
	}
	if note := r.v.MergeNote(); note != "" {
		fmt.Fprintf(r.env.Stderr, "authdesk vault: %s\n", note)
	}
	return nil
}

// openExisting opens the profile's vault handle and refuses a profile
// that has no vault yet.
func (r *vaultRun) openExisting() error {
	if err := r.open(); err != nil {
		return err
	}
	if !r.v.Exists() {
		return fmt.Errorf("%w: create it with 'authdesk vault init%s'", vault.ErrNoVault, r.profileFlag())
	}
	return nil
}

func (r *vaultRun) profileFlag() string {
	if r.args.profile == "" {
		return ""
	}
	return " --profile " + r.args.profile
}

func (r *vaultRun) profileName() string {
	if r.args.profile == "" {
		return vault.DefaultProfile
	}
	return r.args.profile
}

func (r *vaultRun) init() error {
	if err := r.open(); err != nil {
		return err
	}
	if r.v.Exists() {
		return fmt.Errorf("%w: profile %q; change its password with 'authdesk vault passwd%s'", vault.ErrExists, r.profileName(), r.profileFlag())
	}
	pw, err := r.pw.readNew(r.args.passwordFile, "New vault password: ")
	if err != nil {
		return err
	}
	defer wipe(pw)
	if err := r.env.policy().CheckPassword(pw); err != nil {
		return err
	}
	if err := r.v.Init(pw, r.env.Now()); err != nil {
		return err
	}
	defer r.v.Lock()
	if r.args.kiosk {
		if err := settings.SaveSealed(r.v, settings.Kiosk()); err != nil {
			return fmt.Errorf("the vault was created, but its kiosk settings could not be saved (set them in the app): %w", err)
		}
		fmt.Fprintf(r.env.Stdout, "created the vault of profile %q (%s store) with kiosk settings: locks after 60 s, clears the clipboard after 15 s, hides codes, locks when the window loses focus\n", r.profileName(), r.v.StoreKind())
		return nil
	}
	fmt.Fprintf(r.env.Stdout, "created the vault of profile %q (%s store)\n", r.profileName(), r.v.StoreKind())
	return nil
}

func (r *vaultRun) add() error {
	name := strings.TrimSpace(r.args.name)
	if name == "" {
		return fmt.Errorf("%w: give the account a name with --name NAME (the name the portal asks for)", errUsage)
	}
	// Read everything before the slow unlock: the password first when both
	// come from standard input.
	pw, err := r.vaultPassword()
	if err != nil {
		return err
	}
	defer wipe(pw)
	uri, fromArgs := r.args.pos[0], r.args.pos[0] != "-"
	if !fromArgs {
		if uri, err = r.pw.line(); err != nil {
			return err
		}
	}
	acc, err := otpcore.ParseURI(uri)
	if err != nil {
		return err
	}
	defer acc.Wipe()
	if err := r.unlockWith(pw); err != nil {
		return err
	}
	defer r.v.Lock()
	e, err := r.v.Add(name, acc)
	if err != nil {
		return err
	}
	defer e.Account.Wipe()
	if fromArgs {
		warnArgvLink(r.env, "vault add")
	}
	fmt.Fprintf(r.env.Stdout, "added %q (%s)\n", e.Name, acc)
	return nil
}

func (r *vaultRun) list() error {
	if err := r.unlock(); err != nil {
		return err
	}
	defer r.v.Lock()
	es, err := r.v.Entries()
	if err != nil {
		return err
	}
	for _, e := range es {
		if e.Err != nil {
			fmt.Fprintf(r.env.Stderr, "authdesk vault list: %v\n", e.Err)
			continue
		}
		fmt.Fprintf(r.env.Stdout, "%s\t%s\t%s\n", e.Name, oneLine(e.Account.Issuer), e.Account.Type)
		e.Account.Wipe()
	}
	return nil
}

// oneLine keeps a field on its line of the list.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// find returns the account named name.
func (r *vaultRun) find(name string) (vault.Entry, error) {
	e, err := r.v.Find(name)
	if err != nil {
		return e, fmt.Errorf("%w; 'authdesk vault list%s' shows the names", err, r.profileFlag())
	}
	if e.Err != nil {
		return e, e.Err
	}
	return e, nil
}

func (r *vaultRun) code() error {
	if err := r.unlock(); err != nil {
		return err
	}
	defer r.v.Lock()
	e, err := r.find(r.args.pos[0])
	if err != nil {
		return err
	}
	defer e.Account.Wipe()
	code, err := e.Account.Code(r.env.Now())
	if err != nil {
		return err
	}
	if e.Account.Type == otpcore.HOTP {
		// Save the next counter before showing the code, so that a code is
		// never shown twice.
		if err := r.v.SetCounter(e.ID, e.Account.Counter+1); err != nil {
			return err
		}
	}
	fmt.Fprintln(r.env.Stdout, code)
	return nil
}

func (r *vaultRun) rename() error {
	if err := r.unlock(); err != nil {
		return err
	}
	defer r.v.Lock()
	e, err := r.v.Find(r.args.pos[0])
	if err != nil {
		return fmt.Errorf("%w; 'authdesk vault list%s' shows the names", err, r.profileFlag())
	}
	e.Account.Wipe()
	if err := r.v.Rename(e.ID, r.args.pos[1]); err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "renamed %q to %q\n", e.Name, strings.TrimSpace(r.args.pos[1]))
	return nil
}

func (r *vaultRun) delete() error {
	if err := r.unlock(); err != nil {
		return err
	}
	defer r.v.Lock()
	e, err := r.v.Find(r.args.pos[0])
	if err != nil {
		return fmt.Errorf("%w; 'authdesk vault list%s' shows the names", err, r.profileFlag())
	}
	e.Account.Wipe()
	if err := r.v.Delete(e.ID); err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "deleted %q\n", e.Name)
	return nil
}

func (r *vaultRun) acceptRestored() error {
	if err := r.openExisting(); err != nil {
		return err
	}
	pw, err := r.pw.read(r.args.passwordFile, "Password of the restored vault: ")
	if err != nil {
		return err
	}
	defer wipe(pw)
	if err := r.v.AcceptRestored(pw, r.env.Now()); err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "accepted the restored vault of profile %q; it opens with its password\n", r.profileName())
	return nil
}

func (r *vaultRun) passwd() error {
	if err := r.openExisting(); err != nil {
		return err
	}
	old, err := r.pw.read(r.args.passwordFile, "Current vault password: ")
	if err != nil {
		return err
	}
	defer wipe(old)
	newPw, err := r.pw.readNew(r.args.newPwFile, "New vault password: ")
	if err != nil {
		return err
	}
	defer wipe(newPw)
	if err := r.env.policy().CheckPassword(newPw); err != nil {
		return err
	}
	if err := r.v.ChangePassword(old, newPw); err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "changed the password of profile %q\n", r.profileName())
	return nil
}
