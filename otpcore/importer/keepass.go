package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/tobischo/gokeepasslib/v3"

	"authdesk/otpcore"
)

// KeePass databases (KDBX 3.1 and 4), opened with the password by
// github.com/tobischo/gokeepasslib (pure Go) after checkKDBXHeader bounded
// the key derivation. An entry's one-time password is, in the order tried:
//
//   - "otp": an otpauth:// link (KeePassXC 2.6 and later); KeePassXC marks
//     Steam Guard entries with encoder=steam;
//   - "TOTP Seed" (Base32) with "TOTP Settings" "PERIOD;DIGITS" or
//     "PERIOD;S" for Steam (older KeePassXC, and the KeeTrayTOTP plugin);
//   - "TimeOtp-Secret-Base32" with "TimeOtp-Length", "TimeOtp-Period" and
//     "TimeOtp-Algorithm" (HMAC-SHA-1/-256/-512: KeePass 2.47 and later).
//
// Entries with none are passwords only and are not listed; the recycle bin
// is skipped. The group is the entry's group path below the root. A
// database that needs a key file or a YubiKey opens only in KeePassXC:
// the password alone reads as a wrong one.
//
// The library loops forever on an XML document with a syntax error. In
// KDBX 4 the document is authenticated by the header's key (HMAC-SHA256
// blocks), so only a database deliberately made so by someone who gives
// its password can reach that; KDBX 3.1 has no such authentication in the
// library, so verifyKDBX31 checks its blocks and document first.

func parseKeePass(data, password []byte, r *Result) error {
	if err := checkKDBXHeader(data); err != nil {
		return err
	}
	kdbx31 := binary.LittleEndian.Uint16(data[10:12]) == 3
	if !kdbx31 {
		if err := checkKDBX4Blocks(data); err != nil {
			return err
		}
	}
	if len(password) == 0 {
		return fmt.Errorf("%w: type the KeePass database's master password", ErrPasswordNeeded)
	}
	if kdbx31 {
		if err := verifyKDBX31(data, password); err != nil {
			return err
		}
	}
	db, err := openKDBX(data, password)
	if err != nil {
		return err
	}
	if db.Content == nil || db.Content.Root == nil {
		return fmt.Errorf("%w: the KeePass database has no content", ErrDamaged)
	}
	bin := ""
	if db.Content.Meta != nil && db.Content.Meta.RecycleBinEnabled.Bool {
		bin = string(db.Content.Meta.RecycleBinUUID[:])
	}
	for _, g := range db.Content.Root.Groups {
		keepassGroup(g, "", true, bin, r)
	}
	return nil
}

// openKDBX decodes and unlocks the database. The library may panic on a
// malformed file: that is damage, not a crash.
func openKDBX(data, password []byte) (db *gokeepasslib.Database, err error) {
	defer func() {
		if recover() != nil {
			db, err = nil, fmt.Errorf("%w: the KeePass database is malformed (cut short or edited?)", ErrDamaged)
		}
	}()
	h := sha256.Sum256(password)
	defer wipe(h[:])
	db = gokeepasslib.NewDatabase()
	db.Credentials = &gokeepasslib.DBCredentials{Passphrase: h[:]}
	if err := gokeepasslib.NewDecoder(bytes.NewReader(data)).Decode(db); err != nil {
		// The library's words for a key that does not open the file
		// (KDBX 4: the header's HMAC; 3.1: the stream's start bytes).
		if strings.HasPrefix(err.Error(), "Wrong password?") {
			return nil, fmt.Errorf("%w: it does not open this KeePass database (or the database also needs a key file)", ErrWrongPassword)
		}
		return nil, fmt.Errorf("%w: the KeePass database cannot be read (cut short or edited?)", ErrDamaged)
	}
	if err := db.UnlockProtectedEntries(); err != nil {
		return nil, fmt.Errorf("%w: the KeePass database's protected fields cannot be read", ErrDamaged)
	}
	return db, nil
}

// keepassGroup adds the entries of g and its subgroups; root is the
// database's top group, whose name is no group of the entries.
func keepassGroup(g gokeepasslib.Group, path string, root bool, bin string, r *Result) {
	if bin != "" && string(g.UUID[:]) == bin {
		return
	}
	if !root {
		if path != "" {
			path += "/"
		}
		path += g.Name
	}
	for _, e := range g.Entries {
		keepassEntry(&e, path, r)
	}
	for _, sub := range g.Groups {
		keepassGroup(sub, path, false, bin, r)
	}
}

func keepassEntry(e *gokeepasslib.Entry, group string, r *Result) {
	get := func(k string) string { return strings.TrimSpace(e.GetContent(k)) }
	title, user := get("Title"), get("UserName")
	var acc otpcore.Account
	var err error
	switch {
	case get("otp") != "":
		acc, err = keepassOTPField(get("otp"), title, user)
	case get("TOTP Seed") != "":
		acc, err = keepassSeed(get("TOTP Seed"), get("TOTP Settings"), title, user)
	case get("TimeOtp-Secret-Base32") != "":
		digits, _ := strconv.Atoi(get("TimeOtp-Length"))
		period, _ := strconv.Atoi(get("TimeOtp-Period"))
		algo := strings.TrimPrefix(strings.ReplaceAll(get("TimeOtp-Algorithm"), "-", ""), "HMAC")
		acc, err = fields{typ: "totp", issuer: title, name: user, key: get("TimeOtp-Secret-Base32"), algo: algo,
			digits: digits, period: period}.account()
	default:
		return // a password entry
	}
	if err != nil {
		r.skip(displayName(title, user), err.Error())
		return
	}
	r.add(Entry{Account: acc, Group: group})
}

// keepassOTPField reads KeePassXC's otp field (and its CSV export's TOTP
// column): an otpauth:// link, Steam when it says encoder=steam. KeePassXC
// writes digits=6 into its Steam links too and ignores it (a Steam code has
// 5 characters), so that parameter is dropped from them.
func keepassOTPField(v, title, user string) (otpcore.Account, error) {
	if keepassSteam(v) {
		v = dropParam(v, "digits")
	}
	return otpField(v, title, user)
}

// dropParam removes every key=... pair of a link's query, leaving the
// others byte for byte.
func dropParam(link, key string) string {
	base, query, ok := strings.Cut(link, "?")
	if !ok {
		return link
	}
	var keep []string
	for _, pair := range strings.Split(query, "&") {
		if k, _, _ := strings.Cut(pair, "="); !strings.EqualFold(k, key) {
			keep = append(keep, pair)
		}
	}
	return base + "?" + strings.Join(keep, "&")
}

func keepassSteam(link string) bool {
	_, query, ok := strings.Cut(link, "?")
	if !ok {
		return false
	}
	q, err := url.ParseQuery(query)
	return err == nil && strings.EqualFold(q.Get("encoder"), "steam")
}

// keepassSeed reads the older "TOTP Seed" and "TOTP Settings" pair.
func keepassSeed(seed, settings, title, user string) (otpcore.Account, error) {
	f := fields{typ: "totp", issuer: title, name: user, key: seed}
	if settings != "" {
		p, d, ok := strings.Cut(settings, ";")
		period, err := strconv.Atoi(strings.TrimSpace(p))
		if !ok || err != nil {
			return otpcore.Account{}, fmt.Errorf("the TOTP Settings field is not PERIOD;DIGITS")
		}
		f.period = period
		if d = strings.TrimSpace(d); strings.EqualFold(d, "S") {
			f.typ = "steam"
		} else if f.digits, err = strconv.Atoi(d); err != nil {
			return otpcore.Account{}, fmt.Errorf("the TOTP Settings field is not PERIOD;DIGITS")
		}
	}
	return f.account()
}
