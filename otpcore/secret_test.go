package otpcore

import (
	"bytes"
	"errors"
	"testing"
)

func TestDecodeKey(t *testing.T) {
	hello := []byte("Hello!\xde\xad\xbe\xef")
	tests := []struct {
		name, in string
		enc      KeyEncoding
		want     []byte
	}{
		{"canonical", "JBSWY3DPEHPK3PXP", KeyAuto, hello},
		{"lower case with spaces", "jbsw y3dp ehpk 3pxp", KeyAuto, hello},
		{"dashes", "JBSW-Y3DP-EHPK-3PXP", KeyBase32, hello},
		{"padding kept", "JBSWY3DPEHPK3PXP====", KeyBase32, hello},
		{"hex", "48656c6c6f21deadbeef", KeyAuto, hello},
		{"hex 0x", "0x48656C6C6F21DEADBEEF", KeyAuto, hello},
		{"hex with colons", "48:65:6c:6c:6f:21:de:ad:be:ef", KeyHex, hello},
		{"hex forced", "4865 6c6c 6f21 dead beef", KeyHex, hello},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeKey(tc.in, tc.enc)
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Fatalf("got %x %v", []byte(got), err)
			}
		})
	}
	// A portal's 31-character key (no padding, 155 bits -> 19 bytes).
	k, err := DecodeBase32("HIWNBLBBTMBV6H5HJTJHAEOSFPLEERR")
	if err != nil || len(k) != 19 {
		t.Fatalf("31-character key: %d bytes, %v", len(k), err)
	}
	for _, bad := range []string{"", "   ", "JBSWY3DPEHPK3PX1", "JBSWY3", "z"} {
		if _, err := DecodeKey(bad, KeyBase32); !errors.Is(err, ErrSecret) {
			t.Errorf("%q: %v, want ErrSecret", bad, err)
		}
	}
	if _, err := DecodeHex("abc"); !errors.Is(err, ErrSecret) {
		t.Errorf("odd hex accepted")
	}
}

func TestSecretWipe(t *testing.T) {
	s, _ := DecodeBase32("JBSWY3DPEHPK3PXP")
	c := s.Clone()
	s.Wipe()
	if !bytes.Equal(s, make([]byte, len(s))) {
		t.Fatal("Wipe left bytes")
	}
	if c.Equal(s) {
		t.Fatal("Clone shares memory")
	}
	acc := NewAccount(TOTP, "a", "", c)
	acc.Wipe()
	if acc.Secret != nil || !bytes.Equal(c, make([]byte, len(c))) {
		t.Fatal("Account.Wipe did not zero the key")
	}
}
