//go:build windows

package desktop

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ErrNoNotifications: Windows accepted neither the session nor the suspend
// notifications, so the app cannot hear the desktop lock (it still locks on
// idle and by hand).
var ErrNoNotifications = errors.New("no session or power notifications to watch the desktop lock")

// x/sys/windows has no window-class or message-loop calls: they are bound
// here, lazily, like x/sys binds its own.
var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	wtsapi32 = windows.NewLazySystemDLL("wtsapi32.dll")

	procRegisterClassExW                    = user32.NewProc("RegisterClassExW")
	procCreateWindowExW                     = user32.NewProc("CreateWindowExW")
	procDefWindowProcW                      = user32.NewProc("DefWindowProcW")
	procDestroyWindow                       = user32.NewProc("DestroyWindow")
	procGetMessageW                         = user32.NewProc("GetMessageW")
	procDispatchMessageW                    = user32.NewProc("DispatchMessageW")
	procPostMessageW                        = user32.NewProc("PostMessageW")
	procPostQuitMessage                     = user32.NewProc("PostQuitMessage")
	procRegisterSuspendResumeNotification   = user32.NewProc("RegisterSuspendResumeNotification")
	procUnregisterSuspendResumeNotification = user32.NewProc("UnregisterSuspendResumeNotification")
	procWTSRegisterSessionNotification      = wtsapi32.NewProc("WTSRegisterSessionNotification")
	procWTSUnRegisterSessionNotification    = wtsapi32.NewProc("WTSUnRegisterSessionNotification")
)

const (
	wmDestroy = 0x0002
	wmClose   = 0x0010

	hwndMessage              = ^uintptr(2) // HWND_MESSAGE, (HWND)-3: a message-only window
	notifyForThisSession     = 0           // WTSRegisterSessionNotification's dwFlags
	deviceNotifyWindowHandle = 0           // RegisterSuspendResumeNotification's Flags

	watchClass = "authdesk.lockwatch"
)

type wndClassEx struct {
	size       uint32
	style      uint32
	wndProc    uintptr
	clsExtra   int32
	wndExtra   int32
	instance   windows.Handle
	icon       windows.Handle
	cursor     windows.Handle
	background windows.Handle
	menuName   *uint16
	className  *uint16
	iconSm     windows.Handle
}

type winMsg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
	private uint32
}

// Watcher owns a hidden message-only window on a thread of its own: the
// session notifications (WTSRegisterSessionNotification) and the suspend
// notification (RegisterSuspendResumeNotification) arrive there as
// WM_WTSSESSION_CHANGE and WM_POWERBROADCAST; classifyWindowMessage says
// which ones lock.
type Watcher struct {
	hwnd    uintptr
	onLock  func(Event)
	suspend uintptr // the HPOWERNOTIFY, 0 when refused
	session bool    // the session notifications were accepted
	done    chan struct{}
	stop    sync.Once
}

var (
	classOnce sync.Once
	classErr  error
	classAtom uintptr
	instance  windows.Handle

	// watchers maps each window to its watcher for the window procedure
	// (one callback for the process: Windows allows few of them).
	watchersMu sync.Mutex
	watchers   = map[uintptr]*Watcher{}
)

func registerClass() error {
	classOnce.Do(func() {
		if err := windows.GetModuleHandleEx(0, nil, &instance); err != nil {
			classErr = fmt.Errorf("module handle: %w", err)
			return
		}
		name, _ := windows.UTF16PtrFromString(watchClass)
		wc := wndClassEx{wndProc: windows.NewCallback(wndProc), instance: instance, className: name}
		wc.size = uint32(unsafe.Sizeof(wc))
		atom, _, err := procRegisterClassExW.Call(uintptr(unsafe.Pointer(&wc)))
		if atom == 0 {
			classErr = fmt.Errorf("RegisterClassExW: %w", err)
			return
		}
		classAtom = atom
	})
	return classErr
}

func wndProc(hwnd, msg, wParam, lParam uintptr) uintptr {
	watchersMu.Lock()
	w := watchers[hwnd]
	watchersMu.Unlock()
	switch {
	case w == nil:
	case msg == wmClose:
		w.unregister()
		_, _, _ = procDestroyWindow.Call(hwnd)
		return 0
	case msg == wmDestroy:
		_, _, _ = procPostQuitMessage.Call(0)
		return 0
	default:
		if ev, ok := classifyWindowMessage(uint32(msg), wParam); ok {
			w.onLock(ev)
		}
		if msg == wmPowerBroadcast {
			return 1 // TRUE: the broadcast is handled
		}
	}
	r, _, _ := procDefWindowProcW.Call(hwnd, msg, wParam, lParam)
	return r
}

// Watch starts listening; onLock is called on the watcher's own thread for
// each event (the caller moves it to the UI goroutine). It returns an
// error, with a watcher that does nothing, when no notification can be had.
func Watch(onLock func(Event)) (*Watcher, error) {
	w := &Watcher{onLock: onLock, done: make(chan struct{})}
	ready := make(chan error, 1)
	go w.run(ready)
	if err := <-ready; err != nil {
		<-w.done
		return &Watcher{done: w.done}, err
	}
	return w, nil
}

// run owns the window: created, notified and destroyed on one OS thread.
func (w *Watcher) run(ready chan<- error) {
	defer close(w.done)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := registerClass(); err != nil {
		ready <- fmt.Errorf("%w: %w", ErrNoNotifications, err)
		return
	}
	hwnd, _, err := procCreateWindowExW.Call(0, classAtom, 0, 0, 0, 0, 0, 0, hwndMessage, 0, uintptr(instance), 0)
	if hwnd == 0 {
		ready <- fmt.Errorf("%w: CreateWindowExW: %w", ErrNoNotifications, err)
		return
	}
	w.hwnd = hwnd
	watchersMu.Lock()
	watchers[hwnd] = w
	watchersMu.Unlock()
	defer func() {
		watchersMu.Lock()
		delete(watchers, hwnd)
		watchersMu.Unlock()
	}()

	var errs []error
	if ok, _, err := procWTSRegisterSessionNotification.Call(hwnd, notifyForThisSession); ok != 0 {
		w.session = true
	} else {
		errs = append(errs, fmt.Errorf("WTSRegisterSessionNotification: %w", err))
	}
	if h, _, err := procRegisterSuspendResumeNotification.Call(hwnd, deviceNotifyWindowHandle); h != 0 {
		w.suspend = h
	} else {
		errs = append(errs, fmt.Errorf("RegisterSuspendResumeNotification: %w", err))
	}
	if !w.session && w.suspend == 0 {
		_, _, _ = procDestroyWindow.Call(hwnd)
		ready <- fmt.Errorf("%w: %w", ErrNoNotifications, errors.Join(errs...))
		return
	}
	ready <- nil

	var m winMsg
	for {
		r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
		if r == 0 || int32(r) == -1 {
			return
		}
		_, _, _ = procDispatchMessageW.Call(uintptr(unsafe.Pointer(&m)))
	}
}

// unregister gives the notifications back while the window still exists.
func (w *Watcher) unregister() {
	if w.session {
		_, _, _ = procWTSUnRegisterSessionNotification.Call(w.hwnd)
		w.session = false
	}
	if w.suspend != 0 {
		_, _, _ = procUnregisterSuspendResumeNotification.Call(w.suspend)
		w.suspend = 0
	}
}

// Stop closes the window and waits for its thread to end.
func (w *Watcher) Stop() {
	w.stop.Do(func() {
		if w.hwnd != 0 {
			_, _, _ = procPostMessageW.Call(w.hwnd, wmClose, 0, 0)
		}
		<-w.done
	})
}
