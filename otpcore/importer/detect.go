package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"authdesk/otpcore/backup"
)

// Detect tells the format of an export from its content. ok is false when
// it matches none.
func Detect(data []byte) (f Format, ok bool) {
	if len(data) > MaxSize {
		return Auto, false
	}
	if stratumEncrypted(data) {
		return Stratum, true
	}
	if bytes.HasPrefix(data, kdbxSignature[:4]) { // KDBX, and KeePass 1's .kdb (refused with what to do)
		return KeePass, true
	}
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 {
		return Auto, false
	}
	if !utf8.Valid(t) || bytes.IndexByte(t, 0) >= 0 {
		if andOTPBinary(data) {
			return AndOTP, true
		}
		return Auto, false
	}
	switch t[0] {
	case '{':
		return detectObject(t)
	case '[':
		var arr []map[string]json.RawMessage
		if json.Unmarshal(t, &arr) == nil && (len(arr) == 0 || has(arr[0], "secret") && has(arr[0], "type")) {
			return AndOTP, true
		}
		return Auto, false
	}
	return detectText(string(t))
}

func detectObject(t []byte) (Format, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(t, &m) != nil {
		return Auto, false
	}
	switch {
	case backup.Is(t):
		return Authdesk, true
	case has(m, "header") && has(m, "db"):
		return Aegis, true
	case has(m, "services") && has(m, "schemaVersion"):
		return TwoFAS, true
	case has(m, "tokens"):
		return FreeOTPPlus, true
	case has(m, "items") && (has(m, "encrypted") || has(m, "folders")),
		has(m, "encrypted") && has(m, "data") && has(m, "encKeyValidation_DO_NOT_EDIT"):
		return BitwardenJSON, true
	case has(m, "Authenticators"):
		return Stratum, true
	case has(m, "accounts") && (has(m, "folders") || has(m, "deviceName")):
		return LastPass, true
	case has(m, "kdfParams") && has(m, "encryptedData") && has(m, "encryptionNonce"):
		return Ente, true
	case has(m, "entries") && has(m, "version"), has(m, "salt") && has(m, "content") && has(m, "version"):
		return Proton, true
	}
	return Auto, false
}

func detectText(s string) (Format, bool) {
	var first string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			first = strings.ToLower(line)
			break
		}
	}
	switch {
	case strings.HasPrefix(first, "otpauth-migration://"):
		return Google, true
	case strings.HasPrefix(first, "otpauth://"):
		if strings.Contains(s, "codeDisplay=") {
			return Ente, true
		}
		return URIs, true
	case strings.Contains(first, "login_totp") && strings.Contains(first, ","):
		return BitwardenCSV, true
	case strings.Contains(first, `"title"`) && strings.Contains(first, `"totp"`) && strings.Contains(first, `"group"`):
		return KeePassXCCSV, true
	}
	return Auto, false
}

// andOTPBinary: the current encrypted format starts with a big-endian
// iteration count; the old one has no header at all, so any binary file
// long enough for an IV and a tag is taken for andOTP.
func andOTPBinary(data []byte) bool {
	for _, magic := range otherBinaries {
		if bytes.HasPrefix(data, []byte(magic)) {
			return false
		}
	}
	return len(data) >= andOTPIVSize+andOTPTagSize
}

// otherBinaries are the signatures of binary files that are no andOTP
// backup: images, PDF, archives, SQLite databases (such as the database
// files of authenticator apps, which are not exports).
var otherBinaries = []string{"\x03\xd9\xa2\x9a", "\x89PNG", "\xff\xd8\xff", "GIF8", "BM", "RIFF", "%PDF", "PK\x03\x04", "\x1f\x8b", "7z\xbc\xaf", "SQLite format 3\x00"}

// NeedsPassword reports whether Import of data (in format, Auto to detect)
// needs a password: an encrypted Aegis, 2FAS, andOTP, Proton
// Authenticator, Bitwarden or Ente Auth export, or an authdesk backup. UIs
// ask for one only then.
func NeedsPassword(data []byte, format Format) bool {
	if format == Auto {
		f, ok := Detect(data)
		if !ok {
			return false
		}
		format = f
	}
	switch format {
	case Authdesk:
		return true
	case AndOTP:
		t := bytes.TrimSpace(data)
		return len(t) > 0 && t[0] != '['
	case Aegis:
		var v struct {
			DB json.RawMessage `json:"db"`
		}
		return json.Unmarshal(data, &v) == nil && len(v.DB) > 0 && v.DB[0] == '"'
	case TwoFAS:
		var v struct {
			Enc string `json:"servicesEncrypted"`
		}
		return json.Unmarshal(data, &v) == nil && v.Enc != ""
	case BitwardenJSON:
		var v struct {
			PasswordProtected bool `json:"passwordProtected"`
		}
		return json.Unmarshal(data, &v) == nil && v.PasswordProtected
	case Stratum:
		return stratumEncrypted(data)
	case KeePass:
		return bytes.HasPrefix(data, kdbxSignature) // not KeePass 1, refused at once
	case Ente:
		t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
		return len(t) > 0 && t[0] == '{'
	case Proton:
		var v struct {
			Salt *string `json:"salt"`
		}
		return json.Unmarshal(data, &v) == nil && v.Salt != nil
	}
	return false
}

func has(m map[string]json.RawMessage, k string) bool {
	_, ok := m[k]
	return ok
}

// jsonErr describes a JSON error without quoting the content.
func jsonErr(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w: malformed JSON at byte %d (cut short or edited?)", ErrDamaged, se.Offset)
	case errors.As(err, &te):
		return fmt.Errorf("%w: the field %q has the wrong type", ErrDamaged, te.Field)
	}
	return fmt.Errorf("%w: malformed JSON", ErrDamaged)
}

// damagedJSON explains a file that starts like JSON but does not parse: it
// names the format its keys suggest. nil when data is not such a file.
func damagedJSON(data []byte) error {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 || t[0] != '{' && t[0] != '[' || json.Valid(t) {
		return nil
	}
	like := "a JSON export"
	for _, k := range []struct {
		key string
		f   Format
	}{{`"` + backup.FormatName + `"`, Authdesk}, {`"db"`, Aegis}, {`"schemaVersion"`, TwoFAS}, {`"tokens"`, FreeOTPPlus},
		{`"items"`, BitwardenJSON}, {`"entries"`, Proton}, {`"used_frequency"`, AndOTP}, {`"Authenticators"`, Stratum},
		{`"accounts"`, LastPass}} {
		if bytes.Contains(t, []byte(k.key)) {
			like = "a " + title(k.f)
			break
		}
	}
	return fmt.Errorf("%w: it looks like %s but is not valid JSON (cut short or edited?); export it again", ErrDamaged, like)
}
