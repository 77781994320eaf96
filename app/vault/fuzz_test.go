package vault

import (
	"testing"

	"authdesk/otpcore"
)

// FuzzDecodeAccount: the decoder of an opened item never panics, and what
// it accepts encodes back to an equal account.
func FuzzDecodeAccount(f *testing.F) {
	for _, a := range []otpcore.Account{totp("a"), otpcore.NewAccount(otpcore.Steam, "s", "Steam", testSecret("s"))} {
		f.Add(encodeAccount(a))
	}
	f.Add([]byte{1, 0, 0, 6, 30, 0, 0, 0, 1, 7})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decodeAccount(b)
		if err != nil {
			return
		}
		back, err := decodeAccount(encodeAccount(a))
		if err != nil || back.String() != a.String() || !back.Secret.Equal(a.Secret) || back.Counter != a.Counter {
			t.Fatalf("round trip of %v gave %v, %v", a, back, err)
		}
	})
}
