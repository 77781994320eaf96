//go:build windows

package scan

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Clipboard formats (winuser.h).
const (
	cfDIB         = 8
	cfUnicodeText = 13
	biRGB         = 0
	biBitfields   = 3
)

var (
	procOpenClipboard              = user32Scan.NewProc("OpenClipboard")
	procCloseClipboard             = user32Scan.NewProc("CloseClipboard")
	procGetClipboardData           = user32Scan.NewProc("GetClipboardData")
	procIsClipboardFormatAvailable = user32Scan.NewProc("IsClipboardFormatAvailable")
	procRegisterClipboardFormatW   = user32Scan.NewProc("RegisterClipboardFormatW")
	kernel32Scan                   = windows.NewLazySystemDLL("kernel32.dll")
	procGlobalLock                 = kernel32Scan.NewProc("GlobalLock")
	procGlobalUnlock               = kernel32Scan.NewProc("GlobalUnlock")
	procGlobalSize                 = kernel32Scan.NewProc("GlobalSize")
)

// clipboardPicture reads the picture on the Windows clipboard: its "PNG"
// format (what browsers and the Snipping Tool put there), or its device-
// independent bitmap (CF_DIB: PrtSc, Paint) made into a BMP file.
func clipboardPicture(ctx context.Context) ([]byte, error) {
	// The clipboard is opened by a thread: the calls up to CloseClipboard
	// must stay on it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := openClipboard(ctx); err != nil {
		return nil, err
	}
	defer procCloseClipboard.Call()
	name, _ := windows.UTF16PtrFromString("PNG")
	if f, _, _ := procRegisterClipboardFormatW.Call(uintptr(unsafe.Pointer(name))); f != 0 && available(f) {
		if data, err := clipboardBytes(f); err == nil && len(data) > 0 {
			return data, nil
		}
	}
	if available(cfDIB) {
		dib, err := clipboardBytes(cfDIB)
		if err != nil {
			return nil, err
		}
		defer clear(dib) // the picture holds the key
		return dibToBMP(dib)
	}
	if available(cfUnicodeText) {
		return nil, fmt.Errorf("%w: it holds text; copy the QR code's picture (or press PrtSc), or use \"Paste an otpauth link\" for a link", ErrNoPicture)
	}
	return nil, fmt.Errorf("%w: copy the QR code's picture (or press PrtSc), then paste again", ErrNoPicture)
}

// openClipboard opens the clipboard, waiting while another application
// holds it open.
func openClipboard(ctx context.Context) error {
	for {
		if r, _, _ := procOpenClipboard.Call(0); r != 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: another application keeps the clipboard open; paste again", ErrNoPicture)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func available(format uintptr) bool {
	r, _, _ := procIsClipboardFormatAvailable.Call(format)
	return r != 0
}

// clipboardBytes copies the clipboard's data of format (the clipboard is
// open).
func clipboardBytes(format uintptr) ([]byte, error) {
	h, _, _ := procGetClipboardData.Call(format)
	if h == 0 {
		return nil, fmt.Errorf("%w: the application that copied it gave nothing; copy the picture again", ErrNoPicture)
	}
	size, _, _ := procGlobalSize.Call(h)
	if int64(size) > limits.MaxBytes {
		return nil, fmt.Errorf("%w: the picture is over %d MiB; crop it to the QR code", ErrTooManyBytes, limits.MaxBytes>>20)
	}
	p, _, _ := procGlobalLock.Call(h)
	if p == 0 {
		return nil, fmt.Errorf("%w: the clipboard's picture cannot be read; copy it again", ErrNoPicture)
	}
	defer procGlobalUnlock.Call(h)
	// p is memory the clipboard owns, locked until GlobalUnlock: read it
	// through a pointer (the double conversion keeps go vet's unsafe
	// check quiet about a uintptr that is not Go memory).
	ptr := *(*unsafe.Pointer)(unsafe.Pointer(&p))
	return append([]byte(nil), unsafe.Slice((*byte)(ptr), size)...), nil
}

// errDIB: a bitmap this code does not turn into a BMP file.
var errDIB = errors.New("a bitmap of an unknown kind")

// dibToBMP puts a BMP file header before a packed DIB (header, colour
// masks or table, pixels). A 40-byte header with BI_BITFIELDS and the
// usual masks becomes BI_RGB, which Go's BMP decoder reads.
func dibToBMP(dib []byte) ([]byte, error) {
	if len(dib) < 40 {
		return nil, fmt.Errorf("%s: %w: %w", pastedName, ErrDamaged, errDIB)
	}
	hdr := int(binary.LittleEndian.Uint32(dib[0:]))
	bpp := int(binary.LittleEndian.Uint16(dib[14:]))
	compression := binary.LittleEndian.Uint32(dib[16:])
	colours := int(binary.LittleEndian.Uint32(dib[32:]))
	if hdr < 40 || hdr > len(dib) {
		return nil, fmt.Errorf("%s: %w: %w", pastedName, ErrDamaged, errDIB)
	}
	// The usual masks after a 40-byte header: drop them, BI_RGB instead.
	head, rest := dib[:hdr], dib[hdr:]
	if hdr == 40 && compression == biBitfields && len(rest) >= 12 &&
		binary.LittleEndian.Uint32(rest[0:]) == 0xff0000 && binary.LittleEndian.Uint32(rest[4:]) == 0xff00 && binary.LittleEndian.Uint32(rest[8:]) == 0xff {
		rest, compression = rest[12:], biRGB
	}
	table := colours * 4
	if table == 0 && bpp <= 8 {
		table = (1 << bpp) * 4
	}
	if hdr == 40 && compression == biBitfields {
		table += 12
	}
	size := 14 + hdr + len(rest)
	out := make([]byte, 14, size)
	out[0], out[1] = 'B', 'M'
	binary.LittleEndian.PutUint32(out[2:], uint32(size))
	binary.LittleEndian.PutUint32(out[10:], uint32(14+hdr+table))
	out = append(out, head...)
	binary.LittleEndian.PutUint32(out[14+16:], compression)
	return append(out, rest...), nil
}
