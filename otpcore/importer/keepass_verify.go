package importer

import (
	"bytes"
	"compress/gzip"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// verifyKDBX31 checks a KDBX 3.1 database the way the KDBX library does
// not, before the library reads it: the library neither checks the SHA-256
// of each content block nor stops on an XML syntax error (it loops
// forever), so a damaged 3.1 file could hang the import or make it
// allocate gigabytes. KDBX 3.1 (KeePass's "KDBX file format"
// documentation): key = SHA-256(master seed || SHA-256 of the AES-KDF
// output); the content is AES-256-CBC (PKCS#7) from the header's IV and
// starts with the header's 32 stream start bytes, then blocks index (4) |
// SHA-256 (32) | size (4) | data, ending with a block of size 0; the data,
// gzip-compressed when the header says so, is the XML document.
// Other ciphers than AES are refused (KeePassXC writes AES by default).
func verifyKDBX31(data, password []byte) error {
	h, body, err := kdbx31Fields(data)
	if err != nil {
		return err
	}
	aesCipher := []byte{0x31, 0xc1, 0xf2, 0xe6, 0xbf, 0x71, 0x43, 0x50, 0xbe, 0x58, 0x05, 0x21, 0x6a, 0xfc, 0x5a, 0xff}
	if !bytes.Equal(h[2], aesCipher) {
		return fmt.Errorf("%w: this KeePass 3.1 database is encrypted with another cipher than AES; in KeePassXC save it as KDBX 4 (Database > Database Security > Encryption), or export it as CSV", ErrUnsupported)
	}
	seed, tseed, iv, start := h[4], h[5], h[7], h[9]
	if len(seed) != 32 || len(tseed) != 32 || len(iv) != aes.BlockSize || len(start) != 32 || len(h[6]) != 8 || len(h[3]) != 4 {
		return fmt.Errorf("%w: the KeePass database's header is malformed", ErrDamaged)
	}
	if len(body) == 0 || len(body)%aes.BlockSize != 0 {
		return fmt.Errorf("%w: the KeePass database is cut short", ErrDamaged)
	}
	pw := sha256.Sum256(password)
	composite := sha256.Sum256(pw[:])
	defer wipe(pw[:])
	defer wipe(composite[:])
	tb, _ := aes.NewCipher(tseed)
	k := composite
	for i := binary.LittleEndian.Uint64(h[6]); i > 0; i-- {
		tb.Encrypt(k[:16], k[:16])
		tb.Encrypt(k[16:], k[16:])
	}
	transformed := sha256.Sum256(k[:])
	mk := sha256.New()
	mk.Write(seed)
	mk.Write(transformed[:])
	master := mk.Sum(nil)
	defer wipe(master)
	defer wipe(k[:])
	defer wipe(transformed[:])
	b, _ := aes.NewCipher(master)
	plain := make([]byte, len(body))
	defer wipe(plain)
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(plain, body)
	if !bytes.Equal(plain[:min(32, len(plain))], start) {
		return fmt.Errorf("%w: it does not open this KeePass database (or the database also needs a key file)", ErrWrongPassword)
	}
	damaged := fmt.Errorf("%w: the KeePass database's content was changed or cut short", ErrDamaged)
	n := int(plain[len(plain)-1])
	if n < 1 || n > aes.BlockSize {
		return damaged
	}
	p := plain[32 : len(plain)-n]
	var content []byte
	for {
		if len(p) < 40 {
			return damaged
		}
		size := uint64(binary.LittleEndian.Uint32(p[36:40]))
		hash := p[4:36]
		p = p[40:]
		if size == 0 {
			break
		}
		if size > uint64(len(p)) {
			return damaged
		}
		if sum := sha256.Sum256(p[:size]); !bytes.Equal(sum[:], hash) {
			return damaged
		}
		content = append(content, p[:size]...)
		p = p[size:]
	}
	defer wipe(content)
	doc := io.Reader(bytes.NewReader(content))
	if binary.LittleEndian.Uint32(h[3]) == 1 {
		z, err := gzip.NewReader(bytes.NewReader(content))
		if err != nil {
			return damaged
		}
		unzipped, err := io.ReadAll(io.LimitReader(z, 8*MaxSize+1))
		if err != nil || len(unzipped) > 8*MaxSize {
			return damaged
		}
		defer wipe(unzipped)
		doc = bytes.NewReader(unzipped)
	}
	return wellFormed(doc)
}

// wellFormed reads an XML document to its end.
func wellFormed(r io.Reader) error {
	d := xml.NewDecoder(r)
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: the KeePass database's content is not a valid document", ErrDamaged)
		}
	}
}

// kdbx31Fields splits a KDBX 3.1 file into its header fields (by id) and
// the encrypted content after them.
func kdbx31Fields(data []byte) (map[byte][]byte, []byte, error) {
	short := fmt.Errorf("%w: the KeePass database's header is cut short", ErrDamaged)
	f := map[byte][]byte{}
	p := data[12:]
	for {
		if len(p) < 3 {
			return nil, nil, short
		}
		id, n := p[0], int(binary.LittleEndian.Uint16(p[1:3]))
		if len(p) < 3+n {
			return nil, nil, short
		}
		f[id] = p[3 : 3+n]
		p = p[3+n:]
		if id == 0 {
			return f, p, nil
		}
	}
}

// checkKDBX4Blocks walks KDBX 4's content blocks, which lie outside the
// encryption: HMAC (32) | size (4) | data, ending with a block of size 0
// at the end of the file. The library allocates each block's size before
// checking anything, so a damaged size must not reach it.
func checkKDBX4Blocks(data []byte) error {
	damaged := fmt.Errorf("%w: the KeePass database was changed or cut short", ErrDamaged)
	p := data[12:]
	for {
		if len(p) < 5 {
			return damaged
		}
		id, n := p[0], uint64(binary.LittleEndian.Uint32(p[1:5]))
		if n > uint64(len(p)-5) {
			return damaged
		}
		p = p[5+n:]
		if id == 0 {
			break
		}
	}
	if len(p) < 64 {
		return damaged
	}
	p = p[64:] // the header's SHA-256 and HMAC
	for {
		if len(p) < 36 {
			return damaged
		}
		n := uint64(binary.LittleEndian.Uint32(p[32:36]))
		if n > uint64(len(p)-36) {
			return damaged
		}
		p = p[36+n:]
		if n == 0 {
			if len(p) != 0 {
				return damaged
			}
			return nil
		}
	}
}
