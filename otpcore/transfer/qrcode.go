package transfer

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// QuietZone is the light margin around a code, in modules (ISO/IEC 18004
// asks for 4).
const QuietZone = 4

// ErrQR: the text cannot be drawn as a QR code (too long, or a bad module
// size).
var ErrQR = errors.New("cannot make a QR code")

// QRCode draws text as a black-on-white QR code (error correction M) of
// module pixels per module, with the quiet zone.
func QRCode(text string, module int) (*image.Gray, error) {
	if module < 1 || module > 64 {
		return nil, fmt.Errorf("%w: the module size must be 1-64 pixels", ErrQR)
	}
	hints := map[gozxing.EncodeHintType]interface{}{
		gozxing.EncodeHintType_MARGIN:           0,
		gozxing.EncodeHintType_ERROR_CORRECTION: "M",
	}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	if err != nil {
		// The writer's message may describe the content: not wrapped.
		return nil, fmt.Errorf("%w: the text (%d bytes) does not fit in one QR code", ErrQR, len(text))
	}
	n := m.GetWidth()
	side := (n + 2*QuietZone) * module
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if !m.Get(x, y) {
				continue
			}
			x0, y0 := (x+QuietZone)*module, (y+QuietZone)*module
			for dy := 0; dy < module; dy++ {
				row := img.Pix[(y0+dy)*img.Stride+x0:]
				for dx := 0; dx < module; dx++ {
					row[dx] = 0
				}
			}
		}
	}
	return img, nil
}

// QRPNG is QRCode encoded as PNG.
func QRPNG(text string, module int) ([]byte, error) {
	img, err := QRCode(text, module)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQR, err)
	}
	return b.Bytes(), nil
}
