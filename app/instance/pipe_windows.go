//go:build windows

package instance

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// A named pipe as a net.Listener and net.Conn, with overlapped I/O waited
// on events (no completion port): a deadline or a Close cancels the one
// operation in flight. The instance channel needs no more than that, and
// it behaves the same on Windows and under Wine.

var procWaitNamedPipe = windows.NewLazySystemDLL("kernel32.dll").NewProc("WaitNamedPipeW")

const pipeBuffer = 2 * MaxPayload // a whole message fits: a write never waits for the reader

type pipeAddr string

func (a pipeAddr) Network() string { return "pipe" }
func (a pipeAddr) String() string  { return string(a) }

// pipeListener keeps one instance of the pipe waiting for the next client.
type pipeListener struct {
	path    string
	sa      *windows.SecurityAttributes
	closeEv windows.Handle // set by Close: ends a waiting Accept

	mu     sync.Mutex
	next   windows.Handle
	closed bool
}

// listenPipe creates the pipe's first instance (FILE_FLAG_FIRST_PIPE_INSTANCE:
// it fails if a pipe of that name exists, whoever made it) with the
// security descriptor sddl.
func listenPipe(path, sddl string) (net.Listener, error) {
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		return nil, fmt.Errorf("pipe security: %w", err)
	}
	sa := &windows.SecurityAttributes{SecurityDescriptor: sd}
	sa.Length = uint32(unsafe.Sizeof(*sa))
	h, err := createPipe(path, sa, true)
	if err != nil {
		return nil, err
	}
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		windows.CloseHandle(h)
		return nil, err
	}
	return &pipeListener{path: path, sa: sa, closeEv: ev, next: h}, nil
}

func createPipe(path string, sa *windows.SecurityAttributes, first bool) (windows.Handle, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, err
	}
	flags := uint32(windows.PIPE_ACCESS_DUPLEX | windows.FILE_FLAG_OVERLAPPED)
	if first {
		flags |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	mode := uint32(windows.PIPE_TYPE_BYTE | windows.PIPE_READMODE_BYTE | windows.PIPE_WAIT | windows.PIPE_REJECT_REMOTE_CLIENTS)
	h, err := windows.CreateNamedPipe(p, flags, mode, windows.PIPE_UNLIMITED_INSTANCES, pipeBuffer, pipeBuffer, 0, sa)
	if err != nil {
		return 0, fmt.Errorf("CreateNamedPipe: %w", err)
	}
	return h, nil
}

// Accept waits for a client on the waiting instance, then puts a new
// instance in its place.
func (l *pipeListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	h, closed := l.next, l.closed
	l.next = 0
	l.mu.Unlock()
	if closed || h == 0 {
		return nil, net.ErrClosed
	}
	ov, err := newOverlapped()
	if err != nil {
		windows.CloseHandle(h)
		return nil, err
	}
	defer windows.CloseHandle(ov.HEvent)
	err = windows.ConnectNamedPipe(h, ov)
	if errors.Is(err, windows.ERROR_PIPE_CONNECTED) {
		err = nil
	} else {
		_, err = wait(h, ov, err, time.Time{}, l.closeEv)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		windows.CloseHandle(h)
		return nil, net.ErrClosed
	}
	nh, nerr := createPipe(l.path, l.sa, false)
	if nerr != nil {
		windows.CloseHandle(h)
		return nil, nerr
	}
	l.next = nh
	if err != nil { // a client that came and went
		windows.CloseHandle(h)
		return nil, fmt.Errorf("ConnectNamedPipe: %w", err)
	}
	return &pipeConn{h: h, addr: pipeAddr(l.path)}, nil
}

// Close ends a waiting Accept and removes the pipe's waiting instance.
func (l *pipeListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	_ = windows.SetEvent(l.closeEv)
	if l.next != 0 {
		windows.CloseHandle(l.next)
		l.next = 0
	}
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr(l.path) }

// dialPipe opens the pipe, waiting up to timeout while every instance is
// busy. A missing pipe is reported at once.
func dialPipe(path string, timeout time.Duration) (net.Conn, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	end := time.Now().Add(timeout)
	for {
		// SECURITY_IDENTIFICATION: the server may learn who we are, not act as us.
		h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING,
			windows.FILE_FLAG_OVERLAPPED|windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
		if err == nil {
			return &pipeConn{h: h, addr: pipeAddr(path)}, nil
		}
		if !errors.Is(err, windows.ERROR_PIPE_BUSY) {
			return nil, err
		}
		left := time.Until(end)
		if left <= 0 {
			return nil, os.ErrDeadlineExceeded
		}
		ms := uint32(min(left, 500*time.Millisecond) / time.Millisecond)
		_, _, _ = procWaitNamedPipe.Call(uintptr(unsafe.Pointer(p)), uintptr(ms+1))
	}
}

// pipeConn is one end of a connected pipe; one read and one write may run
// at once, each with the deadline set before it starts.
type pipeConn struct {
	h    windows.Handle
	addr pipeAddr

	mu            sync.Mutex
	readDeadline  time.Time
	writeDeadline time.Time
}

func (c *pipeConn) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	c.mu.Lock()
	d := c.readDeadline
	c.mu.Unlock()
	ov, err := newOverlapped()
	if err != nil {
		return 0, err
	}
	defer windows.CloseHandle(ov.HEvent)
	var n uint32
	err = windows.ReadFile(c.h, b, &n, ov)
	n, err = wait(c.h, ov, err, d, 0)
	if errors.Is(err, windows.ERROR_BROKEN_PIPE) || errors.Is(err, windows.ERROR_PIPE_NOT_CONNECTED) || (err == nil && n == 0) {
		return 0, io.EOF
	}
	return int(n), err
}

func (c *pipeConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	d := c.writeDeadline
	c.mu.Unlock()
	done := 0
	for done < len(b) {
		ov, err := newOverlapped()
		if err != nil {
			return done, err
		}
		var n uint32
		err = windows.WriteFile(c.h, b[done:], &n, ov)
		n, err = wait(c.h, ov, err, d, 0)
		windows.CloseHandle(ov.HEvent)
		done += int(n)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// Close closes the handle; the other end reads what is left, then EOF.
func (c *pipeConn) Close() error { return windows.CloseHandle(c.h) }

func (c *pipeConn) LocalAddr() net.Addr  { return c.addr }
func (c *pipeConn) RemoteAddr() net.Addr { return c.addr }

func (c *pipeConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	c.readDeadline, c.writeDeadline = t, t
	c.mu.Unlock()
	return nil
}

func (c *pipeConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	c.readDeadline = t
	c.mu.Unlock()
	return nil
}

func (c *pipeConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.writeDeadline = t
	c.mu.Unlock()
	return nil
}

func newOverlapped() (*windows.Overlapped, error) {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return nil, fmt.Errorf("CreateEvent: %w", err)
	}
	return &windows.Overlapped{HEvent: ev}, nil
}

// wait finishes an overlapped operation that returned err: at once when it
// completed or failed, else when its event is set, the deadline passes
// (os.ErrDeadlineExceeded) or stop is set (net.ErrClosed); the last two
// cancel it first.
func wait(h windows.Handle, ov *windows.Overlapped, err error, deadline time.Time, stop windows.Handle) (uint32, error) {
	var n uint32
	if err != nil && !errors.Is(err, windows.ERROR_IO_PENDING) {
		return 0, err
	}
	if err == nil {
		err = windows.GetOverlappedResult(h, ov, &n, true)
		return n, err
	}
	ms := uint32(windows.INFINITE)
	if !deadline.IsZero() {
		left := time.Until(deadline)
		if left < 0 {
			left = 0
		}
		ms = uint32(left / time.Millisecond)
	}
	handles := []windows.Handle{ov.HEvent}
	if stop != 0 {
		handles = append(handles, stop)
	}
	r, werr := windows.WaitForMultipleObjects(handles, false, ms)
	if r == windows.WAIT_OBJECT_0 {
		err = windows.GetOverlappedResult(h, ov, &n, true)
		return n, err
	}
	_ = windows.CancelIoEx(h, ov)
	_ = windows.GetOverlappedResult(h, ov, &n, true) // the cancelled operation ends
	switch {
	case r == uint32(windows.WAIT_TIMEOUT):
		return n, os.ErrDeadlineExceeded
	case werr != nil:
		return n, werr
	}
	return n, net.ErrClosed
}
