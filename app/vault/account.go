package vault

import (
	"encoding/binary"
	"errors"
	"fmt"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

// An account item's plaintext, before sealing: a format byte, the fields
// as bytes and uvarints, then zero padding to a multiple of padTo so that
// the item's size does not tell the key's length. Binary rather than JSON
// so that every buffer that held the key can be wiped.
const (
	accountFormat = 1
	padTo         = 64
	// maxPlain is the largest padded plaintext whose sealed item fits in
	// one keychain item.
	maxPlain = (store.MaxRaw - seal.Overhead) / padTo * padTo
)

var errDecode = errors.New("bad account encoding")

func encodeAccount(a otpcore.Account) []byte {
	n := 3 + 4*binary.MaxVarintLen64 + len(a.Name) + len(a.Issuer) + len(a.Secret)
	b := make([]byte, 0, (n/padTo+1)*padTo)
	b = append(b, accountFormat, byte(a.Type), byte(a.Algorithm))
	b = binary.AppendUvarint(b, uint64(a.Digits))
	b = binary.AppendUvarint(b, uint64(a.Period))
	b = binary.AppendUvarint(b, a.Counter)
	for _, f := range [][]byte{[]byte(a.Name), []byte(a.Issuer), a.Secret.Bytes()} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	for len(b)%padTo != 0 {
		b = append(b, 0)
	}
	return b
}

func decodeAccount(b []byte) (otpcore.Account, error) {
	var a otpcore.Account
	if len(b) < 3 || b[0] != accountFormat {
		return a, errDecode
	}
	a.Type, a.Algorithm = otpcore.Type(b[1]), otpcore.Algorithm(b[2])
	b = b[3:]
	var nums [3]uint64
	for i := range nums {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return a, errDecode
		}
		nums[i], b = v, b[n:]
	}
	if nums[0] > 64 || nums[1] > otpcore.MaxPeriod {
		return a, errDecode
	}
	a.Digits, a.Period, a.Counter = int(nums[0]), int(nums[1]), nums[2]
	var fields [3][]byte
	for i := range fields {
		l, n := binary.Uvarint(b)
		if n <= 0 || l > uint64(len(b)-n) {
			return a, errDecode
		}
		fields[i], b = b[n:n+int(l)], b[n+int(l):]
	}
	for _, c := range b {
		if c != 0 {
			return a, errDecode
		}
	}
	a.Name, a.Issuer = string(fields[0]), string(fields[1])
	a.Secret = otpcore.Secret(fields[2]).Clone()
	if err := a.Validate(); err != nil {
		a.Wipe()
		return otpcore.Account{}, errDecode
	}
	return a, nil
}

// sealAccount seals an account for item id, or says it is too large.
func sealAccount(h *header, s *seal.Sealer, id, name string, a otpcore.Account) ([]byte, error) {
	pt := encodeAccount(a)
	defer seal.Wipe(pt)
	if len(pt) > maxPlain {
		return nil, fmt.Errorf("%w: account %q needs %d bytes, at most %d fit in one keychain item; shorten its name or issuer",
			store.ErrTooLarge, clip(name), len(pt)+seal.Overhead, store.MaxRaw)
	}
	return s.Seal(pt, h.itemAD(id))
}

// openAccount opens the sealed item of account id.
func openAccount(h *header, s *seal.Sealer, id string, blob []byte) (otpcore.Account, error) {
	pt, err := s.Open(blob, h.itemAD(id))
	if err != nil {
		return otpcore.Account{}, err
	}
	defer seal.Wipe(pt)
	return decodeAccount(pt)
}
