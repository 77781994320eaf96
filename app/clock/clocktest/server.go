// Package clocktest runs a minimal NTPv4 server on 127.0.0.1 whose clock is
// off by a known amount, for the tests of the clock check (package clock,
// the CLI, the GUI).
package clocktest

import (
	"encoding/binary"
	"net"
	"testing"
	"time"
)

// ntpEpochOffset is the number of seconds from 1900 (NTP's epoch) to 1970.
const ntpEpochOffset = 2208988800

func ntpTime(t time.Time) uint64 {
	sec := uint64(t.Unix() + ntpEpochOffset)
	frac := uint64(t.Nanosecond()) * (1 << 32) / 1e9
	return sec<<32 | frac
}

// NewServer starts a server whose clock runs offset ahead of this
// machine's and returns its address (127.0.0.1:PORT). It stops when the
// test ends.
func NewServer(t testing.TB, offset time.Duration) string {
	t.Helper()
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	go serve(conn, offset)
	return conn.LocalAddr().String()
}

func serve(conn net.PacketConn, offset time.Duration) {
	buf := make([]byte, 128)
	for {
		n, addr, err := conn.ReadFrom(buf)
		if err != nil {
			return
		}
		if n < 48 {
			continue
		}
		recv := time.Now().Add(offset)
		out := make([]byte, 48)
		out[0] = 0<<6 | 4<<3 | 4                   // no leap warning, version 4, mode server
		out[1] = 2                                 // stratum 2
		out[2] = buf[2]                            // poll interval, echoed
		out[3] = 0xEC                              // precision about 2^-20 s
		binary.BigEndian.PutUint32(out[4:], 1<<12) // root delay 1/16 s
		binary.BigEndian.PutUint32(out[8:], 1<<12) // root dispersion 1/16 s
		copy(out[12:16], "TEST")                   // reference id
		binary.BigEndian.PutUint64(out[16:], ntpTime(recv.Add(-time.Minute)))
		copy(out[24:32], buf[40:48]) // origin: the client's transmit time
		binary.BigEndian.PutUint64(out[32:], ntpTime(recv))
		binary.BigEndian.PutUint64(out[40:], ntpTime(time.Now().Add(offset)))
		_, _ = conn.WriteTo(out, addr)
	}
}
