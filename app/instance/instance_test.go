package instance

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

const link = "otpauth://totp/Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Bank"

// setup gives the test its own runtime folder and home.
func setup(t *testing.T) string {
	t.Helper()
	rt := t.TempDir()
	if err := os.Chmod(rt, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_RUNTIME_DIR", rt)
	return t.TempDir()
}

// serve claims home and collects what arrives.
func serve(t *testing.T, home string) (*Server, func() []Message) {
	t.Helper()
	srv, err := Claim(home)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	var mu sync.Mutex
	var got []Message
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(func(m Message) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, m)
		})
	}()
	t.Cleanup(func() { srv.Close(); <-done })
	return srv, func() []Message {
		mu.Lock()
		defer mu.Unlock()
		return append([]Message(nil), got...)
	}
}

func TestSecondClaimIsRefused(t *testing.T) {
	home := setup(t)
	srv, _ := serve(t, home)
	if _, err := Claim(home); !errors.Is(err, ErrRunning) {
		t.Fatalf("second Claim: %v, want ErrRunning", err)
	}
	// Another home has its own channel.
	other, err := Claim(t.TempDir())
	if err != nil {
		t.Fatalf("Claim of another home: %v", err)
	}
	other.Close()
	// Once closed, the next start takes it.
	srv.Close()
	again, err := Claim(home)
	if err != nil {
		t.Fatalf("Claim after Close: %v", err)
	}
	again.Close()
}

func TestMessagesArrive(t *testing.T) {
	tests := []struct {
		name string
		msg  Message
	}{
		{"link", Message{Link: []byte(link)}},
		{"show", Message{}},
		{"largest link", Message{Link: bytes.Repeat([]byte("a"), MaxPayload)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := setup(t)
			_, got := serve(t, home)
			if err := Send(home, tt.msg, 3*time.Second); err != nil {
				t.Fatalf("Send: %v", err)
			}
			// Send returns once the server took it; the handler ran before the ack.
			ms := got()
			if len(ms) != 1 || !bytes.Equal(ms[0].Link, tt.msg.Link) {
				t.Fatalf("received %d messages, want the one sent", len(ms))
			}
		})
	}
}

func TestSendWithoutInstance(t *testing.T) {
	home := setup(t)
	err := Send(home, Message{Link: []byte(link)}, time.Second)
	if !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Send: %v, want ErrNotRunning", err)
	}
	if bytes.Contains([]byte(err.Error()), []byte("JBSW")) {
		t.Fatalf("the error quotes the link: %v", err)
	}
}

func TestTooLargeIsRefusedBeforeSending(t *testing.T) {
	home := setup(t)
	_, got := serve(t, home)
	err := Send(home, Message{Link: make([]byte, MaxPayload+1)}, time.Second)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Send: %v, want ErrTooLarge", err)
	}
	if len(got()) != 0 {
		t.Fatal("a too large message arrived")
	}
}

func TestGarbageIsIgnoredAndServingGoesOn(t *testing.T) {
	home := setup(t)
	_, got := serve(t, home)
	for _, junk := range [][]byte{
		[]byte("GET / HTTP/1.0\r\n\r\n"),
		{kindLink, 0xff, 0xff, 0xff, 0xff}, // 4 GiB announced
		{kindLink, 0, 0, 0, 9, 'o', 't'},   // cut short
		{kindShow, 0, 0, 0, 3, 'a', 'b', 'c'},
	} {
		c, err := net.Dial("unix", filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), name(home)+".sock"))
		if err != nil {
			t.Fatal(err)
		}
		c.Write(junk)
		c.(*net.UnixConn).CloseWrite()
		buf := make([]byte, 1)
		if n, _ := c.Read(buf); n == 1 && buf[0] == ack {
			t.Errorf("junk %q was acknowledged", junk)
		}
		c.Close()
	}
	if err := Send(home, Message{Link: []byte(link)}, 3*time.Second); err != nil {
		t.Fatalf("Send after junk: %v", err)
	}
	if ms := got(); len(ms) != 1 || string(ms[0].Link) != link {
		t.Fatalf("got %d messages after junk, want the one link", len(ms))
	}
}

func TestStaleSocketOfADeadProcess(t *testing.T) {
	home := setup(t)
	sock := filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), name(home)+".sock")
	if err := os.WriteFile(sock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, got := serve(t, home)
	if err := Send(home, Message{}, 3*time.Second); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if len(got()) != 1 {
		t.Fatal("the show message did not arrive")
	}
}

func TestConcurrentSendersAllArrive(t *testing.T) {
	home := setup(t)
	_, got := serve(t, home)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() { errs <- Send(home, Message{Link: []byte(link)}, 5*time.Second) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := len(got()); n != 20 {
		t.Fatalf("%d of 20 links arrived", n)
	}
}

func TestReadLink(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"as written", link, link, nil},
		{"with a line end", link + "\r\n", link, nil},
		{"empty", "", "", nil},
		{"too large", string(bytes.Repeat([]byte("a"), MaxPayload+1)), "", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadLink(bytes.NewReader([]byte(tt.in)))
			if !errors.Is(err, tt.err) || string(got) != tt.want {
				t.Fatalf("ReadLink = %d bytes, %v; want %d bytes, %v", len(got), err, len(tt.want), tt.err)
			}
		})
	}
}
