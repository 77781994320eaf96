package otpcore

import (
	"crypto/sha512"
	"hash"
	"sync"
)

// HMAC (RFC 2104) with pads this package owns.
//
// crypto/hmac.New copies the key into an inner and an outer pad (and keeps
// hash states derived from them) in heap memory that only the garbage
// collector releases, and never zeroes. The code list computes a code
// every second, so without this type every second left one more copy of
// each secret on the heap. padHMAC keeps the padded key in one buffer,
// reused from a pool, and zeroes that buffer, the inner digest and the
// hash's chaining state before mac returns.
//
// What it cannot reach: the hash's Sum works on a copy of its state on the
// goroutine's stack (overwritten by the next calls), and the caller's key.

const (
	ipad = 0x36 // RFC 2104 section 2
	opad = 0x5c
)

// padHMAC computes HMAC over one hash function. Between calls its pad and
// sum buffers are all zero and its hash is reset.
type padHMAC struct {
	h   hash.Hash
	pad [sha512.BlockSize]byte // key XOR ipad, then key XOR opad
	sum [sha512.Size]byte      // a long key's digest, then the inner digest
}

func newPadHMAC(newHash func() hash.Hash) *padHMAC {
	return &padHMAC{h: newHash()}
}

// mac appends HMAC(key, msg) to out. The pads, the inner digest and the
// hash's state are wiped before it returns.
func (m *padHMAC) mac(out, key, msg []byte) []byte {
	defer m.wipe()
	h := m.h
	bs := h.BlockSize()
	pad := m.pad[:bs]
	clear(pad)
	h.Reset()
	if len(key) > bs {
		// RFC 2104: a key longer than the block is hashed first.
		h.Write(key)
		key = h.Sum(m.sum[:0])
		h.Reset()
	}
	copy(pad, key)
	for i := range pad {
		pad[i] ^= ipad
	}
	h.Write(pad)
	h.Write(msg)
	inner := h.Sum(m.sum[:0])
	for i := range pad {
		pad[i] ^= ipad ^ opad
	}
	h.Reset()
	h.Write(pad)
	h.Write(inner)
	return h.Sum(out)
}

// wipe zeroes the pads and the inner digest and resets the hash, whose
// chaining state after the padded key is as good as the key.
func (m *padHMAC) wipe() {
	clear(m.pad[:])
	clear(m.sum[:])
	m.h.Reset()
}

// macPools hold wiped padHMACs, one pool per algorithm, so that a code
// costs no allocation.
var macPools = [...]sync.Pool{
	SHA1:   {New: func() any { return newPadHMAC(SHA1.hash()) }},
	SHA256: {New: func() any { return newPadHMAC(SHA256.hash()) }},
	SHA512: {New: func() any { return newPadHMAC(SHA512.hash()) }},
}

// hmacSum appends HMAC(key, msg) under alg to out, leaving no copy of the
// padded key behind.
func hmacSum(alg Algorithm, out, key, msg []byte) []byte {
	if alg < SHA1 || alg > SHA512 {
		alg = SHA1 // as Algorithm.hash does
	}
	m := macPools[alg].Get().(*padHMAC)
	out = m.mac(out, key, msg)
	macPools[alg].Put(m)
	return out
}
