package scan

import (
	"context"
	"errors"
)

// ErrNoPicture: the clipboard holds no picture (nothing, text, or an
// owner that did not answer).
var ErrNoPicture = errors.New("the clipboard holds no picture")

// pastedName names a pasted picture in results and errors.
const pastedName = "the pasted picture"

// Paste decodes every QR code of the picture on the clipboard (a
// screenshot taken with PrtSc, a copied image). Errors wrap ErrNoPicture
// with what to do, ErrDisplayUnreachable, or those of File (a picture too
// large, damaged); no code found is an empty result. The picture is read
// into memory only, and zeroed after decoding.
func Paste(ctx context.Context) ([]Found, error) {
	data, err := clipboardPicture(ctx)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	return decodeFile(data, pastedName)
}
