package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// KeePassXC's CSV export (Database > Export > CSV, or keepassxc-cli
// export -f csv): a header row "Group","Title","Username","Password",
// "URL","Notes","TOTP",... and one row an entry; TOTP holds an otpauth://
// link (encoder=steam for Steam). Group is the path from the root group
// ("Root/Work"); the root's own name is dropped. Rows without TOTP are
// passwords only and are not listed.

func parseKeePassXCCSV(data, _ []byte, r *Result) error {
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%w: the CSV has no header row", ErrDamaged)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	totp, ok := col["totp"]
	if _, title := col["title"]; !ok || !title {
		return fmt.Errorf("%w: the CSV has no Title and TOTP columns; it is not a KeePassXC export", ErrUnknownFormat)
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: the CSV is malformed at row %d", ErrDamaged, line)
		}
		if totp >= len(rec) || strings.TrimSpace(rec[totp]) == "" {
			continue
		}
		title, user := get(rec, "title"), get(rec, "username")
		acc, err := keepassOTPField(rec[totp], title, user)
		if err != nil {
			r.skip(displayName(title, user), err.Error())
			continue
		}
		group := get(rec, "group")
		if _, below, ok := strings.Cut(group, "/"); ok {
			group = below
		} else {
			group = ""
		}
		r.add(Entry{Account: acc, Group: group})
	}
	return nil
}
