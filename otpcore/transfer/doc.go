// Package transfer moves accounts to a phone: Google Authenticator
// "Transfer accounts" links (otpauth-migration://offline?data=...), batched
// as Google does, and QR code images of those links and of per-account
// otpauth:// links.
//
// # API
//
//	func GoogleMigration(accs []otpcore.Account, batchID int32) (links []string, skipped []otpcore.Skipped)
//	func GoogleCompatible(a otpcore.Account) error
//	func QRCode(text string, module int) (*image.Gray, error)
//	func QRPNG(text string, module int) ([]byte, error)
//
// # Batches
//
// Google Authenticator puts at most 10 accounts in one export QR code and
// shows several codes for more (30 accounts give three codes): every code of
// one export shares a random batch_id, batch_size is the number of codes and
// batch_index counts from 0; version is 1. Aegis's compatible export uses
// the same 10 per code (beemdevelopment/Aegis pull request #964, "qrSize =
// 10"), and readers note the same limit (dim13/otpauth issue #21: 30
// entries give three QR codes; krissrex/google-authenticator-exporter issue
// #14: "the maximum of 10 accounts per QR code"). The batch id is a
// parameter: the caller draws it at random.
//
// # What Google's format cannot carry
//
// The payload has no period, no Steam type and only 6 or 8 digits, so a
// TOTP account with a period other than 30 s, a Steam account or one with
// 7, 9 or 10 digits is returned in skipped with the reason (its own
// otpauth:// QR code carries it to apps that read it). SHA256 and SHA512
// are written as the payload allows; apps that ignore the field show wrong
// codes for them, which is why the skipped list is shown before export.
//
// # Secrets
//
// The links and images hold the keys. They are explicit exports: show them
// or write them where the person asked, never log them. No error quotes
// them.
package transfer
