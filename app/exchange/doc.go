// Package exchange moves accounts between a vault and files: it reads
// exports and backups (images of QR codes included) and adds them to a
// vault, and writes authdesk backups, otpauth lists and Google
// Authenticator export codes of a vault. The CLI and the GUI share it.
//
// # API
//
//	func ReadFile(path string, format importer.Format, password []byte) (importer.Result, error)
//	func FileNeedsPassword(path string, format importer.Format) (bool, error)
//	func DetectFile(path string, format importer.Format) (importer.Format, error)
//	func ParseFormat(s string) (importer.Format, error) // importer's names and "image"
//	func Plan(v *vault.Vault, entries []importer.Entry) ([]Planned, error)
//	func AddToVault(v *vault.Vault, entries []importer.Entry) (Report, error)
//	func AddToVaultProgress(v *vault.Vault, entries []importer.Entry, progress func(done, total int)) (Report, error)
//	func VaultEntries(v *vault.Vault) ([]backup.Entry, []otpcore.Skipped, error)
//	func Backup(v *vault.Vault, password []byte, p backup.Params, now time.Time) ([]byte, error)
//	func GoogleLinks(v *vault.Vault) (links []string, skipped []otpcore.Skipped, err error)
//	func WriteFile(path string, data []byte) error
//
// # Reading files
//
// ReadFile reads at most importer.MaxSize bytes. An image (PNG, JPEG, GIF,
// BMP, WebP by content, or format Image) goes through app/scan: every
// otpauth:// and Google export code in it is read, other codes are listed
// as skipped with scan's hint. Anything else goes to importer.Import.
//
// # Duplicates (AddToVault)
//
// An entry whose account is already in the vault (same type, issuer,
// account name, key and parameters) is not added again: it is reported in
// Report.Existing with the vault's name for it, so importing the same file
// twice changes nothing. An entry whose name is taken by another account
// (names are unique without regard to case) is added as "NAME (2)", "NAME
// (3)"... and reported in Report.Renamed. Plan tells all this beforehand,
// so that a GUI can show it and let the person skip or rename entries. A name with tabs or line breaks
// has them replaced by spaces, and one longer than vault.MaxNameLen is
// cut. The entries' order is kept; a pinned entry is pinned.
//
// # Writing files
//
// WriteFile writes atomically (temporary file, fsync, rename) with mode
// 0600, since every export but a backup holds keys in the clear.
package exchange
