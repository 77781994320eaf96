//go:build windows

package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unsafe"

	"authdesk/otpcore/qr/qrtest"
)

var (
	procEmptyClipboard   = user32Scan.NewProc("EmptyClipboard")
	procSetClipboardData = user32Scan.NewProc("SetClipboardData")
	procGlobalAlloc      = kernel32Scan.NewProc("GlobalAlloc")
)

// setClipboard puts data of format on the clipboard as another
// application does (GlobalAlloc'd memory handed to SetClipboardData); no
// format empties it.
func setClipboard(t *testing.T, format uintptr, data []byte) {
	t.Helper()
	runtime.LockOSThread() // the clipboard is opened by a thread
	defer runtime.UnlockOSThread()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := openClipboard(ctx); err != nil {
		t.Fatal(err)
	}
	defer procCloseClipboard.Call()
	if r, _, err := procEmptyClipboard.Call(); r == 0 {
		t.Fatalf("EmptyClipboard: %v", err)
	}
	if format == 0 {
		return
	}
	h, _, err := procGlobalAlloc.Call(2 /* GMEM_MOVEABLE */, uintptr(len(data)))
	if h == 0 {
		t.Fatalf("GlobalAlloc: %v", err)
	}
	p, _, _ := procGlobalLock.Call(h)
	ptr := *(*unsafe.Pointer)(unsafe.Pointer(&p))
	copy(unsafe.Slice((*byte)(ptr), len(data)), data)
	procGlobalUnlock.Call(h)
	if r, _, err := procSetClipboardData.Call(format, h); r == 0 {
		t.Fatalf("SetClipboardData: %v", err)
	}
}

// dib packs img as a bottom-up device-independent bitmap of 24 bits
// (BI_RGB) or 32 bits with the usual BI_BITFIELDS masks after the header.
func dib(img image.Image, bits int) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	stride := (w*bits/8 + 3) &^ 3
	hdr := make([]byte, 40)
	binary.LittleEndian.PutUint32(hdr[0:], 40)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(w))
	binary.LittleEndian.PutUint32(hdr[8:], uint32(h))
	binary.LittleEndian.PutUint16(hdr[12:], 1)
	binary.LittleEndian.PutUint16(hdr[14:], uint16(bits))
	binary.LittleEndian.PutUint32(hdr[20:], uint32(stride*h))
	out := hdr
	if bits == 32 {
		binary.LittleEndian.PutUint32(hdr[16:], biBitfields)
		masks := make([]byte, 12)
		binary.LittleEndian.PutUint32(masks[0:], 0xff0000)
		binary.LittleEndian.PutUint32(masks[4:], 0xff00)
		binary.LittleEndian.PutUint32(masks[8:], 0xff)
		out = append(out, masks...)
	}
	row := make([]byte, stride)
	for y := h - 1; y >= 0; y-- {
		for x := 0; x < w; x++ {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			i := x * bits / 8
			row[i], row[i+1], row[i+2] = byte(bl>>8), byte(g>>8), byte(r>>8)
		}
		out = append(out, row...)
	}
	return out
}

func TestPasteWindows(t *testing.T) {
	img, _, err := qrtest.Scene(900, 600, 7, qrtest.Code{Text: testURI, Module: 4, At: image.Pt(500, 250)})
	if err != nil {
		t.Fatal(err)
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	name := utf16.Encode([]rune("PNG\x00"))
	pngFormat, _, _ := procRegisterClipboardFormatW.Call(uintptr(unsafe.Pointer(&name[0])))
	text := utf16.Encode([]rune("hello\x00"))
	textBytes := unsafe.Slice((*byte)(unsafe.Pointer(&text[0])), 2*len(text))
	cases := []struct {
		name   string
		format uintptr
		data   []byte
		want   error
		says   string
	}{
		{name: "PNG", format: pngFormat, data: pngData.Bytes()},
		{name: "24-bit bitmap (PrtSc)", format: cfDIB, data: dib(img, 24)},
		{name: "32-bit bitmap with masks", format: cfDIB, data: dib(img, 32)},
		{name: "text", format: cfUnicodeText, data: textBytes, want: ErrNoPicture, says: "it holds text"},
		{name: "nothing", want: ErrNoPicture, says: "copy the QR code's picture"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			setClipboard(t, tc.format, tc.data)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			found, err := Paste(ctx)
			if tc.want != nil {
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
					t.Fatalf("error %v, want %v saying %q", err, tc.want, tc.says)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != 1 || found[0].Text != testURI {
				t.Fatalf("found %d codes; want the one code", len(found))
			}
		})
	}
	setClipboard(t, 0, nil)
}
