package backup

import (
	"errors"
	"testing"
	"time"
)

// FuzzOpenHeader: any header is refused with a sentinel or reaches the key
// derivation with parameters in bounds (the empty password stops there).
func FuzzOpenHeader(f *testing.F) {
	good, _ := Seal(nil, []byte("x"), Cheap, time.Unix(0, 0))
	f.Add(good)
	f.Add([]byte(`{"format":"authdesk-backup","version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Open(data, nil)
		switch {
		case errors.Is(err, ErrEmptyPassword):
			if _, herr := readHeader(data); herr != nil {
				t.Fatalf("a bad header passed: %v", herr)
			}
		case errors.Is(err, ErrFormat), errors.Is(err, ErrVersion), errors.Is(err, ErrParams):
		default:
			t.Fatalf("unexpected: %v", err)
		}
	})
}

// FuzzContents: any decrypted plaintext gives valid accounts or an error.
func FuzzContents(f *testing.F) {
	plain, _ := encodeContents(entries(f), time.Unix(0, 0))
	f.Add(plain)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := decodeContents(data)
		if err != nil {
			return
		}
		for _, e := range c.Entries {
			if err := e.Account.Validate(); err != nil {
				t.Fatalf("invalid account: %v", err)
			}
		}
	})
}
