package importer

import (
	"crypto/subtle"
	"encoding/binary"
	"errors"

	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/poly1305" //nolint:staticcheck // a building block of the construction below, used as one
)

// The pull (decrypting) side of libsodium's
// crypto_secretstream_xchacha20poly1305, written here from libsodium's
// description of the construction (its documentation, "Encrypted streams
// and file encryption", section "Algorithm"), over x/crypto's ChaCha20 and
// Poly1305. Ente Auth seals its encrypted export as one message of such a
// stream.
//
// The 24-byte header: HChaCha20(key, header[0:16]) is the stream key k;
// the 12-byte ChaCha20 nonce is a 4-byte little-endian counter, starting
// at 1, then header[16:24] (the "inonce"). A message is tag(1) || c ||
// mac(16). ChaCha20 block 0 under (k, nonce) gives the Poly1305 key; block
// 1 encrypts a 64-byte block whose first byte is the tag; the message
// itself is encrypted from block 2. The MAC covers ad, zero padding to 16,
// the 64-byte block with the encrypted tag byte, c, len(c) mod 16 zero
// bytes (libsodium's padding formula), then len(ad) and 64+len(c) as
// 64-bit little-endian numbers. After a
// message the inonce is XORed with the MAC's first 8 bytes and the counter
// incremented; on a REKEY tag or a counter wrap k and the inonce are
// replaced by their own ChaCha20 encryption and the counter restarts.

const (
	streamHeaderSize = 24
	streamABytes     = 1 + poly1305.TagSize
	streamTagRekey   = 0x02
	streamTagFinal   = 0x03
)

var errStreamAuth = errors.New("secretstream: message forged or wrong key")

type streamPull struct {
	k     [32]byte
	nonce [12]byte // counter (4, little-endian) || inonce (8)
}

func newStreamPull(key, header []byte) (*streamPull, error) {
	if len(key) != chacha20.KeySize || len(header) != streamHeaderSize {
		return nil, errors.New("secretstream: bad key or header size")
	}
	k, err := chacha20.HChaCha20(key, header[:16])
	if err != nil {
		return nil, err
	}
	s := &streamPull{}
	copy(s.k[:], k)
	wipe(k)
	copy(s.nonce[4:], header[16:])
	s.resetCounter()
	return s, nil
}

func (s *streamPull) resetCounter() {
	binary.LittleEndian.PutUint32(s.nonce[:4], 1)
}

// pull authenticates and decrypts one message; the state advances only
// when it is authentic.
func (s *streamPull) pull(in, ad []byte) (msg []byte, tag byte, err error) {
	if len(in) < streamABytes {
		return nil, 0, errStreamAuth
	}
	c := in[1 : len(in)-poly1305.TagSize]
	stream, err := chacha20.NewUnauthenticatedCipher(s.k[:], s.nonce[:])
	if err != nil {
		return nil, 0, err
	}
	var block [64]byte
	stream.XORKeyStream(block[:], block[:]) // block 0: the one-time key
	var polyKey [32]byte
	copy(polyKey[:], block[:32])
	mac := poly1305.New(&polyKey)
	wipe(polyKey[:])

	var zeros [16]byte
	mac.Write(ad)
	mac.Write(zeros[:(16-len(ad)%16)%16])
	block = [64]byte{}
	block[0] = in[0]
	stream.SetCounter(1)
	stream.XORKeyStream(block[:], block[:])
	tag = block[0]
	block[0] = in[0]
	mac.Write(block[:])
	mac.Write(c)
	// libsodium pads with (0x10 - 64 + mlen) & 0xf zero bytes, which is
	// mlen mod 16 (not the 16-complement an AEAD would use).
	mac.Write(zeros[:len(c)%16])
	var lens [16]byte
	binary.LittleEndian.PutUint64(lens[:8], uint64(len(ad)))
	binary.LittleEndian.PutUint64(lens[8:], uint64(len(block)+len(c)))
	mac.Write(lens[:])
	sum := mac.Sum(nil)
	if subtle.ConstantTimeCompare(sum, in[len(in)-poly1305.TagSize:]) != 1 {
		return nil, 0, errStreamAuth
	}
	msg = make([]byte, len(c))
	stream.SetCounter(2)
	stream.XORKeyStream(msg, c)

	for i := 0; i < 8; i++ {
		s.nonce[4+i] ^= sum[i]
	}
	counter := binary.LittleEndian.Uint32(s.nonce[:4]) + 1
	binary.LittleEndian.PutUint32(s.nonce[:4], counter)
	if tag&streamTagRekey != 0 || counter == 0 {
		s.rekey()
	}
	return msg, tag, nil
}

// rekey replaces k and the inonce by their encryption under the current
// state, and restarts the counter.
func (s *streamPull) rekey() {
	var buf [40]byte
	copy(buf[:32], s.k[:])
	copy(buf[32:], s.nonce[4:])
	stream, err := chacha20.NewUnauthenticatedCipher(s.k[:], s.nonce[:])
	if err != nil {
		panic(err) // sizes are fixed
	}
	stream.XORKeyStream(buf[:], buf[:])
	copy(s.k[:], buf[:32])
	copy(s.nonce[4:], buf[32:])
	wipe(buf[:])
	s.resetCounter()
}

func (s *streamPull) wipe() {
	wipe(s.k[:])
}
