package clock_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"authdesk/app/clock"
	"authdesk/app/clock/clocktest"
)

func TestCheckAgainstLocalNTP(t *testing.T) {
	for _, off := range []time.Duration{-12034 * time.Millisecond, 0, 3 * time.Second, 95 * time.Second} {
		addr := clocktest.NewServer(t, off)
		r, err := clock.Check(addr, 2*time.Second)
		if err != nil {
			t.Fatalf("offset %v: %v", off, err)
		}
		if d := r.Offset - off; d > 300*time.Millisecond || d < -300*time.Millisecond { // loopback delays on a loaded machine
			t.Errorf("offset %v measured as %v", off, r.Offset)
		}
		if r.Over() != (off > clock.Limit || off < -clock.Limit) {
			t.Errorf("offset %v: Over() = %v", off, r.Over())
		}
	}
}

func TestCheckNoAnswer(t *testing.T) {
	// A UDP port nobody listens on (bound, then closed).
	c, _ := net.ListenPacket("udp", "127.0.0.1:0")
	addr := c.LocalAddr().String()
	c.Close()
	_, err := clock.Check(addr, 300*time.Millisecond)
	if !errors.Is(err, clock.ErrNoAnswer) {
		t.Fatalf("error %v, want clock.ErrNoAnswer", err)
	}
}

func TestDescribe(t *testing.T) {
	tests := map[time.Duration]string{
		0:                       "this computer's clock is right",
		12 * time.Second:        "this computer's clock is 12 s slow",
		-95 * time.Second:       "this computer's clock is 1 min 35 s fast",
		-200 * time.Millisecond: "this computer's clock is right",
	}
	for off, want := range tests {
		if got := (clock.Result{Offset: off}).Describe(); got != want {
			t.Errorf("%v: %q, want %q", off, got, want)
		}
	}
}

func TestCheckHTTPSDateHeader(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(-40*time.Second).UTC().Format(http.TimeFormat))
	}))
	defer srv.Close()
	r, err := clock.CheckHTTPS(context.Background(), srv.Client(), srv.URL, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Offset > -38*time.Second || r.Offset < -42*time.Second {
		t.Fatalf("offset %v, want about -40 s", r.Offset)
	}
	noDate := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Date"] = nil
	}))
	defer noDate.Close()
	if _, err := clock.CheckHTTPS(context.Background(), noDate.Client(), noDate.URL, time.Now); !errors.Is(err, clock.ErrNoAnswer) {
		t.Fatalf("no Date header: %v", err)
	}
}
