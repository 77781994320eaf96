package importer

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// The key derivation settings of a KeePass database, read from its outer
// header before the KDBX library runs, so that a hostile file's costs are
// refused before any work. The header (KeePass's "KDBX file format"
// documentation): two 4-byte signatures, the minor and major version
// (2 bytes each, little-endian), then fields id (1 byte) | length (2
// bytes in KDBX 3.1, 4 in KDBX 4) | data, ending at id 0. KDBX 3.1 keeps
// the AES-KDF rounds in field 6 (8 bytes); KDBX 4 keeps a variant
// dictionary in field 11: version (2 bytes), then entries type (1) |
// key length (4) | key | value length (4) | value, ending at type 0; "$UUID"
// names the KDF, "R" is AES-KDF's rounds, "I", "M" (bytes) and "P" are
// Argon2's passes, memory and lanes.

var kdbxSignature = []byte{0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5}

var (
	kdfAESKDBX4 = []byte{0xc9, 0xd9, 0xf3, 0x9a, 0x62, 0x8a, 0x44, 0x60, 0xbf, 0x74, 0x0d, 0x08, 0xc1, 0x8a, 0x4f, 0xea}
	kdfArgon2d  = []byte{0xef, 0x63, 0x6d, 0xdf, 0x8c, 0x29, 0x44, 0x4b, 0x91, 0xf7, 0xa9, 0xa4, 0x03, 0xe3, 0x0a, 0x0c}
	kdfArgon2id = []byte{0x9e, 0x29, 0x8b, 0x19, 0x56, 0xdb, 0x47, 0x73, 0xb2, 0x3d, 0xfc, 0x3e, 0xc6, 0xf0, 0xa1, 0xe6}
)

// maxAESKDFRounds bounds AES-KDF: KeePass makes 60,000 by default and
// KeePassXC as many as take its "decryption time" (1 s by default, about
// 10 to 50 million rounds on current PCs); 10 million took 0.32 s here,
// so the bound is about 10 s.
const maxAESKDFRounds = 300_000_000

// kdbxKDF is what checkKDBXHeader found.
type kdbxKDF struct {
	major   uint16
	argon2  bool // Argon2d
	aesKDF  bool
	rounds  uint64
	argonP  argon2Params
	unknown bool
}

// checkKDBXHeader reads the KDF settings and refuses what authdesk will not
// run: costs out of bounds, Argon2id (which the KDBX library does not
// derive), an unknown KDF.
func checkKDBXHeader(data []byte) error {
	k, err := readKDBXHeader(data)
	if err != nil {
		return err
	}
	switch {
	case k.major < 3 || k.major > 4:
		return fmt.Errorf("%w: KeePass database format %d (authdesk reads KDBX 3.1 and 4)", ErrUnsupported, k.major)
	case k.unknown:
		return fmt.Errorf("%w: this KeePass database uses a key derivation authdesk does not know; in KeePassXC export it as CSV (Database > Export > CSV) and import that", ErrUnsupported)
	case k.aesKDF && (k.rounds < 1 || k.rounds > maxAESKDFRounds):
		return fmt.Errorf("%w: the KeePass database asks for %d AES-KDF rounds (1 to %d are allowed): it was changed, or export it from KeePassXC as CSV", ErrDamaged, k.rounds, maxAESKDFRounds)
	case k.argon2:
		return k.argonP.check("KeePass database")
	}
	return nil
}

func readKDBXHeader(data []byte) (kdbxKDF, error) {
	short := fmt.Errorf("%w: the KeePass database's header is cut short", ErrDamaged)
	var k kdbxKDF
	if len(data) >= 8 && bytes.Equal(data[:4], kdbxSignature[:4]) && bytes.Equal(data[4:8], []byte{0x65, 0xfb, 0x4b, 0xb5}) {
		return k, fmt.Errorf("%w: this is a KeePass 1 database (.kdb); open it in KeePassXC, save it as .kdbx and import that", ErrUnsupported)
	}
	if len(data) < 12 || !bytes.Equal(data[:8], kdbxSignature) {
		return k, fmt.Errorf("%w: not a KeePass 2 database (KDBX)", ErrUnknownFormat)
	}
	k.major = binary.LittleEndian.Uint16(data[10:12])
	if k.major < 3 || k.major > 4 {
		return k, nil
	}
	p := data[12:]
	found := false
	for {
		lenSize := 2
		if k.major == 4 {
			lenSize = 4
		}
		if len(p) < 1+lenSize {
			return k, short
		}
		id := p[0]
		var n uint64
		if lenSize == 2 {
			n = uint64(binary.LittleEndian.Uint16(p[1:]))
		} else {
			n = uint64(binary.LittleEndian.Uint32(p[1:]))
		}
		p = p[1+lenSize:]
		if n > uint64(len(p)) {
			return k, short
		}
		field := p[:n]
		p = p[n:]
		switch {
		case id == 0:
			if !found {
				return k, fmt.Errorf("%w: the KeePass database's header names no key derivation", ErrDamaged)
			}
			return k, nil
		case id == 6 && k.major == 3:
			if len(field) != 8 {
				return k, short
			}
			k.aesKDF, k.rounds, found = true, binary.LittleEndian.Uint64(field), true
		case id == 11 && k.major == 4:
			if err := k.readVariants(field); err != nil {
				return k, err
			}
			found = true
		}
	}
}

// readVariants reads KDBX 4's KDF parameters.
func (k *kdbxKDF) readVariants(v []byte) error {
	bad := fmt.Errorf("%w: the KeePass database's key derivation settings are malformed", ErrDamaged)
	if len(v) < 2 {
		return bad
	}
	v = v[2:]
	vals := map[string][]byte{}
	for {
		if len(v) < 1 {
			return bad
		}
		typ := v[0]
		if typ == 0 {
			break
		}
		if len(v) < 5 {
			return bad
		}
		kl := uint64(binary.LittleEndian.Uint32(v[1:]))
		if kl > uint64(len(v)-5) {
			return bad
		}
		key := string(v[5 : 5+kl])
		v = v[5+kl:]
		if len(v) < 4 {
			return bad
		}
		vl := uint64(binary.LittleEndian.Uint32(v))
		if vl > uint64(len(v)-4) {
			return bad
		}
		vals[key] = v[4 : 4+vl]
		v = v[4+vl:]
	}
	num := func(key string) uint64 {
		switch b := vals[key]; len(b) {
		case 4:
			return uint64(binary.LittleEndian.Uint32(b))
		case 8:
			return binary.LittleEndian.Uint64(b)
		}
		return 0
	}
	switch uuid := vals["$UUID"]; {
	case bytes.Equal(uuid, kdfAESKDBX4):
		k.aesKDF, k.rounds = true, num("R")
	case bytes.Equal(uuid, kdfArgon2d):
		k.argon2 = true
		k.argonP = argon2Params{Passes: num("I"), MemoryKiB: num("M") / 1024, Lanes: num("P")}
	case bytes.Equal(uuid, kdfArgon2id):
		return fmt.Errorf("%w: this KeePass database derives its key with Argon2id, which the KDBX library authdesk uses cannot do yet; in KeePassXC switch it to Argon2d or AES-KDF (Database > Database Security > Encryption), or export it as CSV, and import that", ErrUnsupported)
	default:
		k.unknown = true
	}
	return nil
}
