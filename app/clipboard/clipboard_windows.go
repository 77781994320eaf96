//go:build windows

package clipboard

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
	"unicode/utf16"
	"unsafe"

	"fyne.io/fyne/v2/driver"

	"golang.org/x/sys/windows"
)

// x/sys/windows binds none of the clipboard or global-memory calls.
var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")

	procOpenClipboard           = user32.NewProc("OpenClipboard")
	procCloseClipboard          = user32.NewProc("CloseClipboard")
	procEmptyClipboard          = user32.NewProc("EmptyClipboard")
	procSetClipboardData        = user32.NewProc("SetClipboardData")
	procRegisterClipboardFormat = user32.NewProc("RegisterClipboardFormatW")
	procGlobalAlloc             = kernel32.NewProc("GlobalAlloc")
	procGlobalLock              = kernel32.NewProc("GlobalLock")
	procGlobalUnlock            = kernel32.NewProc("GlobalUnlock")
	procGlobalFree              = kernel32.NewProc("GlobalFree")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002

	// The formats Windows' clipboard history and cloud clipboard read
	// (learn.microsoft.com, "Clipboard Formats", Cloud Clipboard and
	// Clipboard History Formats).
	formatExcludeMonitor = "ExcludeClipboardContentFromMonitorProcessing"
	formatHistory        = "CanIncludeInClipboardHistory"
	formatCloud          = "CanUploadToCloudClipboard"
)

// copySecret writes the text with the hints itself; the app's clipboard
// only when the Windows clipboard refuses.
func copySecret(app Clipboard, text string) {
	if err := setSecret(text); err != nil {
		app.SetContent(text)
	}
}

// setSecret writes text as CF_UNICODETEXT and the three hints in one
// transaction, so no clipboard listener sees the text without them.
func setSecret(text string) error {
	runtime.LockOSThread() // OpenClipboard belongs to the calling thread
	defer runtime.UnlockOSThread()
	if err := open(); err != nil {
		return err
	}
	defer procCloseClipboard.Call()
	if r, _, err := procEmptyClipboard.Call(); r == 0 {
		return fmt.Errorf("%w: EmptyClipboard: %w", ErrUnavailable, err)
	}
	// The hints first: a listener woken by the text finds them already.
	zero := make([]byte, 4) // a DWORD 0: "no"
	for _, h := range []struct {
		name string
		data []byte
	}{{formatExcludeMonitor, zero}, {formatHistory, zero}, {formatCloud, zero}} {
		f, err := registerFormat(h.name)
		if err != nil {
			return err
		}
		if err := setData(f, h.data); err != nil {
			return err
		}
	}
	u := utf16.Encode([]rune(text + "\x00"))
	b := unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), len(u)*2)
	err := setData(cfUnicodeText, b)
	for i := range u {
		u[i] = 0
	}
	return err
}

// owner is the window that owns our copies (Attach); 0 until one is known.
var owner atomic.Uintptr

func attach(w Native) {
	w.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok {
			owner.Store(c.HWND)
		}
	})
}

// open retries for a moment: another program (a clipboard manager reading
// the previous copy) may hold the clipboard briefly.
func open() error {
	var err error
	for i := 0; i < 10; i++ {
		var r uintptr
		if r, _, err = procOpenClipboard.Call(owner.Load()); r != 0 {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("%w: OpenClipboard: %w", ErrUnavailable, err)
}

func registerFormat(name string) (uintptr, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return 0, err
	}
	f, _, err := procRegisterClipboardFormat.Call(uintptr(unsafe.Pointer(p)))
	if f == 0 {
		return 0, fmt.Errorf("%w: RegisterClipboardFormatW: %w", ErrUnavailable, err)
	}
	return f, nil
}

// setData copies data into a movable global block and gives it to the
// clipboard, which owns it from then on.
func setData(format uintptr, data []byte) error {
	h, _, err := procGlobalAlloc.Call(gmemMoveable, uintptr(len(data)))
	if h == 0 {
		return fmt.Errorf("%w: GlobalAlloc: %w", ErrUnavailable, err)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("%w: GlobalLock: %w", ErrUnavailable, err)
	}
	copy(unsafe.Slice((*byte)(ptr(p)), len(data)), data)
	procGlobalUnlock.Call(h)
	if r, _, err := procSetClipboardData.Call(format, h); r == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("%w: SetClipboardData: %w", ErrUnavailable, err)
	}
	return nil
}

// ptr turns an address Windows returned into a pointer (the memory is not
// Go's, so the garbage collector never moves it).
func ptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
