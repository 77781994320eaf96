package instance

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"sync"
	"time"
)

// MaxPayload is the largest link a message may carry: a Google export link
// of ten accounts is about 1 KB; a QR code holds at most 2953 bytes.
const MaxPayload = 16 << 10

// Sentinel errors.
var (
	ErrRunning    = errors.New("authdesk is already running")
	ErrNotRunning = errors.New("no authdesk window is running")
	ErrTooLarge   = errors.New("the message is too large")
	ErrProtocol   = errors.New("not an authdesk message")
)

// Message is what a second start hands to the running window.
type Message struct {
	// Link is an otpauth:// or otpauth-migration:// link to add; nil asks
	// the window only to show itself. The receiver wipes it when done.
	Link []byte
}

const (
	kindShow = 'S'
	kindLink = 'L'
	ack      = 'k'
)

// name is the endpoint's name for a home folder: a short hash of its
// absolute path, so that relocated homes (AUTHDESK_HOME) have their own.
func name(home string) string {
	abs, err := filepath.Abs(home)
	if err != nil {
		abs = home
	}
	sum := sha256.Sum256([]byte(filepath.Clean(abs)))
	return "authdesk-" + hex.EncodeToString(sum[:8])
}

// Server is the running window's end of the channel.
type Server struct {
	ln      net.Listener
	release func()
	once    sync.Once
	wg      sync.WaitGroup
}

// Claim makes this process the instance of home: it takes the lock and
// listens. ErrRunning when another process holds it.
func Claim(home string) (*Server, error) {
	ln, release, err := claim(name(home))
	if err != nil {
		return nil, err
	}
	return &Server{ln: ln, release: release}, nil
}

// Serve accepts messages until Close and calls handle for each, one at a
// time, on the Serve goroutine. It returns when the server is closed.
func (s *Server) Serve(handle func(Message)) {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		func() {
			defer s.wg.Done()
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			m, err := readMessage(c)
			if err != nil {
				return
			}
			// Handled before the answer: once Send returns, the message
			// is with the window (handle only queues it for the UI).
			handle(m)
			_, _ = c.Write([]byte{ack})
		}()
	}
}

// Close stops listening and releases the channel for the next start.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		err = s.ln.Close()
		s.wg.Wait()
		s.release()
	})
	return err
}

// Send hands m to the running instance of home and waits for it to take it,
// up to timeout. ErrNotRunning when no instance listens.
func Send(home string, m Message, timeout time.Duration) error {
	if len(m.Link) > MaxPayload {
		return fmt.Errorf("%w: a link of %d bytes (at most %d)", ErrTooLarge, len(m.Link), MaxPayload)
	}
	c, err := dial(name(home), timeout)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(timeout))
	kind := byte(kindShow)
	if m.Link != nil {
		kind = kindLink
	}
	frame := make([]byte, 5+len(m.Link))
	frame[0] = kind
	binary.BigEndian.PutUint32(frame[1:5], uint32(len(m.Link)))
	copy(frame[5:], m.Link)
	defer wipe(frame)
	if _, err := c.Write(frame); err != nil {
		return fmt.Errorf("cannot reach the running authdesk: %w", err)
	}
	var b [1]byte
	if _, err := io.ReadFull(c, b[:]); err != nil || b[0] != ack {
		return fmt.Errorf("the running authdesk did not take the message (%v); close it and try again", err)
	}
	return nil
}

func readMessage(r io.Reader) (Message, error) {
	br := bufio.NewReaderSize(r, 64)
	var h [5]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return Message{}, fmt.Errorf("%w: %v", ErrProtocol, err)
	}
	n := binary.BigEndian.Uint32(h[1:])
	switch {
	case h[0] == kindShow && n == 0:
		return Message{}, nil
	case h[0] != kindLink || n == 0:
		return Message{}, ErrProtocol
	case n > MaxPayload:
		return Message{}, ErrTooLarge
	}
	link := make([]byte, n)
	if _, err := io.ReadFull(br, link); err != nil {
		wipe(link)
		return Message{}, fmt.Errorf("%w: %v", ErrProtocol, err)
	}
	return Message{Link: link}, nil
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
