package screens

import (
	"context"
	"time"

	"authdesk/app/clock"
	"authdesk/app/policy"
	"authdesk/app/scan"
	"authdesk/app/support"
	"authdesk/app/vault"
	"authdesk/otpcore"
)

// Vault is what the screens need of a profile's vault; *vault.Vault
// satisfies it.
type Vault interface {
	Exists() bool
	Init(password []byte, now time.Time) error
	Unlock(password []byte, now time.Time) error
	Lock()
	Locked() bool
	Entries() ([]vault.Entry, error)
	Add(name string, acc otpcore.Account) (vault.Entry, error)
	Rename(id, newName string) error
	Delete(id string) error
	SetCounter(id string, counter uint64) error
	SetPinned(id string, pinned bool) error
	Reorder(ids []string) error
	ChangePassword(oldPw, newPw []byte) error
	VerifyPassword(password []byte, now time.Time) error
	StoreKind() vault.StoreKind
	Dir() string
}

// Profiles lists and opens the profiles of this installation.
type Profiles interface {
	// List returns the names of the profiles that hold a vault.
	List() ([]string, error)
	// Open returns a locked handle on a profile's vault, kept in the given
	// store for a new profile ("" for the default or the profile's own).
	Open(name string, store vault.StoreKind) (Vault, error)
}

// Scanner reads QR codes from the screens and from image files;
// app/scan's functions satisfy it through ScanFuncs.
type Scanner interface {
	Screens(ctx context.Context) ([]scan.Found, scan.Report, error)
	File(path string) ([]scan.Found, error)
}

// Deps is everything the UI needs from the application core.
type Deps struct {
	Profiles Profiles
	Scanner  Scanner
	// Now is the clock; tests replace it.
	Now func() time.Time
	// HasTray reports whether the desktop shows tray icons; nil: no tray.
	HasTray func() bool
	// Minimised reports whether the window is minimised, where the
	// platform can tell (X11); nil: never asked.
	Minimised func() bool
	// Support is the base of "Copy support info" (displays, keychain
	// probe, environment); the UI adds the profile's facts. Zero: none.
	Support support.Sources
	// CheckClock compares the clock with an NTP server ("" the default);
	// nil never checks.
	CheckClock func(server string) (clock.Result, error)
	// Policy is what the organization enforces; nil: policy.Active().
	Policy *policy.Policy
}

// ScanFuncs adapts app/scan's package functions to Scanner.
type ScanFuncs struct{}

// Screens captures every display and decodes its QR codes.
func (ScanFuncs) Screens(ctx context.Context) ([]scan.Found, scan.Report, error) {
	return scan.Screens(ctx)
}

// File decodes the QR codes of an image file.
func (ScanFuncs) File(path string) ([]scan.Found, error) { return scan.File(path) }

// Paste decodes the QR codes of the picture on the clipboard.
func (ScanFuncs) Paste(ctx context.Context) ([]scan.Found, error) { return scan.Paste(ctx) }

// VaultProfiles opens the profiles under an AUTHDESK_HOME directory.
type VaultProfiles struct {
	Home string
	// Options is the template for vault.Open (KDF, Backend...); Home,
	// Profile and Store are set per call.
	Options vault.Options
}

// List returns the profiles under Home.
func (p VaultProfiles) List() ([]string, error) { return vault.Profiles(p.Home) }

// Open opens one profile's vault.
func (p VaultProfiles) Open(name string, store vault.StoreKind) (Vault, error) {
	o := p.Options
	o.Home, o.Profile, o.Store = p.Home, name, store
	v, err := vault.Open(o)
	if err != nil {
		return nil, err
	}
	return v, nil
}
