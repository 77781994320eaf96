package importer

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/crypto/scrypt"

	"authdesk/otpcore"
)

// Aegis vault files, as documented in the Aegis repository's docs/vault.md:
// {"version":1,"header":{"slots":[...]|null,"params":{"nonce","tag"}|null},
// "db":{...} (plain) or "db":"BASE64" (encrypted)}. A password slot (type 1)
// holds the master key sealed with AES-256-GCM under scrypt(password, salt,
// n, r, p); the db is sealed with the master key. db.version 1 has no
// groups, version 2 a "group" name per entry, version 3 a "groups" list of
// {uuid, name} and a "groups" list of uuids per entry.

type aegisFile struct {
	Version int             `json:"version"`
	Header  aegisHeader     `json:"header"`
	DB      json.RawMessage `json:"db"`
}

type aegisHeader struct {
	Slots  []aegisSlot  `json:"slots"`
	Params *aegisParams `json:"params"`
}

type aegisParams struct {
	Nonce string `json:"nonce"`
	Tag   string `json:"tag"`
}

type aegisSlot struct {
	Type      int         `json:"type"`
	Key       string      `json:"key"`
	KeyParams aegisParams `json:"key_params"`
	N         int         `json:"n"`
	R         int         `json:"r"`
	P         int         `json:"p"`
	Salt      string      `json:"salt"`
	Repaired  bool        `json:"repaired"`
}

type aegisDB struct {
	Version int          `json:"version"`
	Entries []aegisEntry `json:"entries"`
	Groups  []struct {
		UUID string `json:"uuid"`
		Name string `json:"name"`
	} `json:"groups"`
}

type aegisEntry struct {
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Issuer   string   `json:"issuer"`
	Favorite bool     `json:"favorite"`
	Group    *string  `json:"group"`  // db version 2
	Groups   []string `json:"groups"` // db version 3: group uuids
	Info     struct {
		Secret  string `json:"secret"`
		Algo    string `json:"algo"`
		Digits  int    `json:"digits"`
		Period  int    `json:"period"`
		Counter int64  `json:"counter"`
	} `json:"info"`
}

const aegisSlotPassword = 1

// Bounds on scrypt parameters read from a file: Aegis uses n=2^15, r=8,
// p=1 (32 MiB); a tampered file must not make us allocate gigabytes.
//
// A file may also carry any number of slots, each tried in turn: the work
// of all of them together (n x r x p, counted twice for a slot that is
// also tried with the pre-2019 password bytes) is bounded before the first
// derivation. maxScryptWork is 16 slots of Aegis's default, about 2 s here.
const (
	maxScryptMemory = 256 << 20
	maxScryptP      = 16
	maxScryptWork   = 16 * (1 << 15) * 8
)

func parseAegis(data, password []byte, r *Result) error {
	var f aegisFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	if f.Version != 1 {
		return fmt.Errorf("%w: Aegis vault version %d (authdesk reads version 1)", ErrUnsupported, f.Version)
	}
	if len(f.DB) == 0 {
		return fmt.Errorf("%w: the Aegis vault has no db", ErrDamaged)
	}
	plain := []byte(f.DB)
	if f.DB[0] == '"' {
		var err error
		if plain, err = openAegis(f, password); err != nil {
			return err
		}
		defer wipe(plain)
	}
	var db aegisDB
	if err := json.Unmarshal(plain, &db); err != nil {
		return jsonErr(err)
	}
	groups := map[string]string{}
	for _, g := range db.Groups {
		groups[g.UUID] = g.Name
	}
	for _, e := range db.Entries {
		acc, err := fields{typ: e.Type, issuer: e.Issuer, name: e.Name, algo: e.Info.Algo, key: e.Info.Secret,
			digits: e.Info.Digits, period: e.Info.Period, counter: e.Info.Counter}.account()
		if err != nil {
			r.skip(displayName(e.Issuer, e.Name), err.Error())
			continue
		}
		ent := Entry{Account: acc, Pinned: e.Favorite}
		if e.Group != nil {
			ent.Group = *e.Group
		} else if len(e.Groups) > 0 {
			ent.Group = groups[e.Groups[0]]
		}
		r.add(ent)
	}
	return nil
}

// openAegis decrypts the db with the first password slot that opens.
func openAegis(f aegisFile, password []byte) ([]byte, error) {
	if f.Header.Params == nil {
		return nil, fmt.Errorf("%w: the encrypted Aegis vault has no header params", ErrDamaged)
	}
	var sealed string
	if err := json.Unmarshal(f.DB, &sealed); err != nil {
		return nil, jsonErr(err)
	}
	ct, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, fmt.Errorf("%w: the encrypted Aegis db is not valid Base64", ErrDamaged)
	}
	nonce, tag, err := decodeParams(f.Header.Params)
	if err != nil {
		return nil, err
	}
	slots := 0
	for _, s := range f.Header.Slots {
		if s.Type == aegisSlotPassword {
			slots++
		}
	}
	if slots == 0 {
		return nil, fmt.Errorf("%w: this Aegis vault has no password slot (only biometric or raw keys); export it again with a password", ErrUnsupported)
	}
	if len(password) == 0 {
		return nil, fmt.Errorf("%w: type the Aegis vault's password", ErrPasswordNeeded)
	}
	if err := checkAegisWork(f.Header.Slots, password); err != nil {
		return nil, err
	}
	for _, s := range f.Header.Slots {
		if s.Type != aegisSlotPassword {
			continue
		}
		master, err := openAegisSlot(s, password)
		if err != nil {
			return nil, err
		}
		if master == nil {
			continue
		}
		defer wipe(master)
		if err := checkKeySize("Aegis master key", master); err != nil {
			return nil, err
		}
		pt, ok := gcmOpen(master, nonce, append(ct, tag...))
		if !ok {
			return nil, fmt.Errorf("%w: the password opens the Aegis vault's key, but its content was changed or cut short", ErrDamaged)
		}
		return pt, nil
	}
	return nil, fmt.Errorf("%w: it does not open this Aegis vault", ErrWrongPassword)
}

// checkAegisWork bounds the scrypt work of all the password slots together,
// before any of it is done.
func checkAegisWork(slots []aegisSlot, password []byte) error {
	var work int64
	legacy := aegisLegacyBytes(password) != nil
	for _, s := range slots {
		if s.Type != aegisSlotPassword {
			continue
		}
		if s.N < 2 || s.R < 1 || s.P < 1 || s.P > maxScryptP || int64(s.N)*int64(s.R)*128 > maxScryptMemory {
			return fmt.Errorf("%w: the Aegis slot's scrypt parameters are out of bounds (n=%d r=%d p=%d)", ErrDamaged, s.N, s.R, s.P)
		}
		w := int64(s.N) * int64(s.R) * int64(s.P)
		if legacy && !s.Repaired {
			w *= 2
		}
		if work += w; work > maxScryptWork {
			return fmt.Errorf("%w: the Aegis vault asks for more key derivation than any Aegis export needs (%d password slots); it was changed, or export it again from Aegis", ErrDamaged, len(slots))
		}
	}
	return nil
}

// openAegisSlot returns the master key, or nil when the password does not
// open this slot.
func openAegisSlot(s aegisSlot, password []byte) ([]byte, error) {
	salt, err1 := hex.DecodeString(s.Salt)
	key, err2 := hex.DecodeString(s.Key)
	nonce, tag, err3 := decodeParams(&s.KeyParams)
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, fmt.Errorf("%w: an Aegis password slot is malformed", ErrDamaged)
	}
	if s.N < 2 || s.N&(s.N-1) != 0 || s.R < 1 || s.P < 1 || s.P > maxScryptP || int64(s.N)*int64(s.R)*128 > maxScryptMemory {
		return nil, fmt.Errorf("%w: the Aegis slot's scrypt parameters are out of bounds (n=%d r=%d p=%d)", ErrDamaged, s.N, s.R, s.P)
	}
	sealed := append(key, tag...)
	tries := [][]byte{password}
	if legacy := aegisLegacyBytes(password); !s.Repaired && legacy != nil {
		defer wipe(legacy)
		tries = append(tries, legacy)
	}
	for _, pw := range tries {
		kek, err := scrypt.Key(pw, salt, s.N, s.R, s.P, 32)
		if err != nil {
			return nil, fmt.Errorf("%w: scrypt: %v", ErrDamaged, err)
		}
		master, ok := gcmOpen(kek, nonce, sealed)
		wipe(kek)
		if ok {
			return master, nil
		}
	}
	return nil, nil
}

// aegisLegacyBytes is the password as Aegis encoded it before its slots
// were "repaired" (Aegis issue #95): Java's UTF-8 encoder's whole buffer,
// zero-padded to (int)(UTF-16 units x 1.1f) bytes, doubled plus one until
// the text fits. Below 65 bytes the padding cannot change the scrypt key
// (HMAC pads its key with zeros to 64 bytes), so nil is returned then.
func aegisLegacyBytes(password []byte) []byte {
	if len(password) <= 64 || !utf8.Valid(password) {
		return nil
	}
	units := len(utf16.Encode([]rune(string(password))))
	n := int(float32(units) * float32(1.1))
	for n < len(password) {
		n = 2*n + 1
	}
	if n == len(password) {
		return nil
	}
	out := make([]byte, n)
	copy(out, password)
	return out
}

func decodeParams(p *aegisParams) (nonce, tag []byte, err error) {
	nonce, err1 := hex.DecodeString(p.Nonce)
	tag, err2 := hex.DecodeString(p.Tag)
	if err1 != nil || err2 != nil || len(nonce) == 0 || len(tag) != 16 {
		return nil, nil, fmt.Errorf("%w: the Aegis nonce or tag is malformed", ErrDamaged)
	}
	return nonce, tag, nil
}

func displayName(issuer, name string) string {
	return otpcore.Account{Issuer: issuer, Name: name}.DisplayName()
}
