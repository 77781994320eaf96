package screens

import (
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// qrImage encodes text (an otpauth link) as a QR code image of about
// size pixels, with error correction M as authenticator apps expect.
func qrImage(text string, size int) (image.Image, error) {
	hints := map[gozxing.EncodeHintType]interface{}{
		gozxing.EncodeHintType_ERROR_CORRECTION: "M",
		gozxing.EncodeHintType_MARGIN:           2,
	}
	return qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, size, size, hints)
}

// checkPassword asks the vault to verify the password again (showing a
// key); the password is zeroed.
func (u *UI) checkPassword(pw []byte) error {
	defer wipe(pw)
	return u.vault.VerifyPassword(pw, u.now())
}
