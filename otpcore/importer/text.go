package importer

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"authdesk/otpcore"
)

// Text exports: one link a line. otpauth:// links (a plain list, or Ente
// Auth's export, whose links carry a codeDisplay= JSON parameter with the
// pin, trash and tags) and Google Authenticator's otpauth-migration://
// links, which expand to all their accounts. Blank lines are ignored; a
// line that is no link, or a bad one, is listed as skipped with its
// number.

// enteDisplay is Ente Auth's codeDisplay parameter.
type enteDisplay struct {
	Pinned  bool     `json:"pinned"`
	Trashed bool     `json:"trashed"`
	Tags    []string `json:"tags"`
}

func parseText(data, _ []byte, r *Result) error {
	links := 0
	parts := map[int32]*googleParts{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("line %d", i+1)
		switch otpcore.Classify(line) {
		case otpcore.KindMigration:
			links++
			b, err := otpcore.ParseMigration(line)
			if err != nil {
				r.skip(where, err.Error())
				continue
			}
			if b.BatchSize > 1 {
				p := parts[b.BatchID]
				if p == nil {
					p = &googleParts{size: b.BatchSize, seen: map[int32]bool{}}
					parts[b.BatchID] = p
				}
				p.seen[b.BatchIndex] = true
			}
			for _, acc := range b.Accounts {
				r.add(Entry{Account: acc})
			}
			r.Skipped = append(r.Skipped, b.Skipped...)
		case otpcore.KindOTPAuth:
			links++
			acc, err := otpcore.ParseURI(line)
			if err != nil {
				r.skip(where, err.Error())
				continue
			}
			e := Entry{Account: acc}
			if d, ok := enteCodeDisplay(line); ok {
				if d.Trashed {
					r.skip(acc.DisplayName(), "in Ente Auth's trash")
					acc.Wipe()
					continue
				}
				e.Pinned = d.Pinned
				if len(d.Tags) > 0 {
					e.Group = d.Tags[0]
				}
			}
			r.add(e)
		default:
			r.skip(where, "not an otpauth:// or otpauth-migration:// link")
		}
	}
	if links == 0 {
		r.Skipped = nil
		return fmt.Errorf("%w: no otpauth:// or otpauth-migration:// link in it", ErrUnknownFormat)
	}
	for _, p := range parts {
		if note := p.note(); note != "" {
			r.Notes = append(r.Notes, note)
		}
	}
	sort.Strings(r.Notes)
	return nil
}

// googleParts tracks the codes of one Google Authenticator export.
type googleParts struct {
	size int32
	seen map[int32]bool
}

// note names the missing codes of a split export, "" when all are there.
func (p *googleParts) note() string {
	var missing []string
	for i := int32(0); i < p.size && i < 1000; i++ {
		if !p.seen[i] {
			missing = append(missing, strconv.Itoa(int(i)+1))
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("this Google Authenticator export has %d QR codes and code(s) %s of them are not here: import them too", p.size, strings.Join(missing, ", "))
}

// enteCodeDisplay reads the codeDisplay parameter of an Ente Auth link.
func enteCodeDisplay(link string) (enteDisplay, bool) {
	_, query, ok := strings.Cut(link, "?")
	if !ok {
		return enteDisplay{}, false
	}
	for _, pair := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if k != "codeDisplay" {
			continue
		}
		s, err := url.QueryUnescape(v)
		if err != nil {
			return enteDisplay{}, false
		}
		var d enteDisplay
		if json.Unmarshal([]byte(s), &d) != nil {
			return enteDisplay{}, false
		}
		return d, true
	}
	return enteDisplay{}, false
}

// otpField reads the TOTP field of a password manager: an otpauth:// link,
// a steam://SECRET link or a bare Base32 key. issuer and name fill in what
// the field does not say.
func otpField(v, issuer, name string) (otpcore.Account, error) {
	v = strings.TrimSpace(v)
	switch {
	case otpcore.Classify(v) == otpcore.KindOTPAuth:
		acc, err := otpcore.ParseURI(v)
		if err != nil {
			return otpcore.Account{}, err
		}
		if acc.Issuer == "" && acc.Name == "" {
			acc.Issuer, acc.Name = issuer, name
		}
		return acc, nil
	case len(v) >= 8 && strings.EqualFold(v[:8], "steam://"):
		sec, err := otpcore.DecodeBase32(v[8:])
		if err != nil {
			return otpcore.Account{}, err
		}
		return otpcore.NewAccount(otpcore.Steam, name, issuer, sec), nil
	case otpcore.Classify(v) == otpcore.KindMigration:
		return otpcore.Account{}, fmt.Errorf("a Google Authenticator export link in a password manager's field is not supported")
	}
	sec, err := otpcore.DecodeBase32(v)
	if err != nil {
		return otpcore.Account{}, err
	}
	return otpcore.NewAccount(otpcore.TOTP, name, issuer, sec), nil
}
