package clock

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/beevik/ntp"
)

// DefaultServer is the NTP pool.
const DefaultServer = "pool.ntp.org"

// Limit is the offset from which codes start to fail: most servers accept
// the code of the period before and after, so 10 s of drift already makes
// codes fail near the end of their period.
const Limit = 10 * time.Second

// ErrNoAnswer: no time server answered.
var ErrNoAnswer = errors.New("no time server answered")

// Result of a clock check.
type Result struct {
	Server string
	// Offset is what to add to this computer's clock to get the server's
	// time: positive when this clock is slow.
	Offset time.Duration
	// RTT is the round trip to the server.
	RTT time.Duration
}

// Over reports whether the offset is large enough to break codes.
func (r Result) Over() bool { return r.Offset > Limit || r.Offset < -Limit }

// Describe says it in words: "this computer's clock is 12 s slow".
func (r Result) Describe() string {
	s := r.Offset.Seconds()
	switch {
	case math.Abs(s) < 0.5:
		return "this computer's clock is right"
	case s > 0:
		return fmt.Sprintf("this computer's clock is %s slow", Seconds(r.Offset))
	}
	return fmt.Sprintf("this computer's clock is %s fast", Seconds(-r.Offset))
}

// Seconds formats a duration as "12 s" or "3 min 05 s".
func Seconds(d time.Duration) string {
	s := int(math.Round(d.Seconds()))
	if s < 60 {
		return fmt.Sprintf("%d s", s)
	}
	return fmt.Sprintf("%d min %02d s", s/60, s%60)
}

// Check asks the NTP server (host or host:port; "" is DefaultServer).
func Check(server string, timeout time.Duration) (Result, error) {
	if server == "" {
		server = DefaultServer
	}
	resp, err := ntp.QueryWithOptions(server, ntp.QueryOptions{Timeout: timeout})
	if err != nil {
		return Result{}, fmt.Errorf("%w: %s: %v", ErrNoAnswer, server, err)
	}
	if err := resp.Validate(); err != nil {
		return Result{}, fmt.Errorf("%w: %s gave an unusable answer: %v", ErrNoAnswer, server, err)
	}
	return Result{Server: server, Offset: resp.ClockOffset, RTT: resp.RTT}, nil
}

// CheckHTTPS reads the Date header of an HTTPS server (a URL or a host)
// and compares it with the local clock at the middle of the round trip.
// The header has one-second resolution, so the offset is within about a
// second.
func CheckHTTPS(ctx context.Context, client *http.Client, target string, now func() time.Time) (Result, error) {
	if !strings.Contains(target, "://") {
		target = "https://" + target
	}
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, target, nil)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %q is not a web address", ErrNoAnswer, target)
	}
	t0 := now()
	resp, err := client.Do(req)
	t1 := now()
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return Result{}, fmt.Errorf("%w: %s did not answer in time", ErrNoAnswer, req.URL.Host)
		}
		return Result{}, fmt.Errorf("%w: %s: %v", ErrNoAnswer, req.URL.Host, err)
	}
	_ = resp.Body.Close()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %s sent no usable Date header", ErrNoAnswer, req.URL.Host)
	}
	rtt := t1.Sub(t0)
	mid := t0.Add(rtt / 2)
	// The header is truncated to the second: its true value is on average
	// half a second later.
	return Result{Server: req.URL.Host, Offset: date.Add(500 * time.Millisecond).Sub(mid), RTT: rtt}, nil
}
