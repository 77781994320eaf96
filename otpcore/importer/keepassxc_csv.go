package importer

import (
	"fmt"
	"strings"
)

// KeePassXC's CSV export (Database > Export > CSV, or keepassxc-cli
// export -f csv): a header row "Group","Title","Username","Password",
// "URL","Notes","TOTP",... and one row an entry; TOTP holds an otpauth://
// link (encoder=steam for Steam). Group is the path from the root group
// ("Root/Work"); the root's own name is dropped. Rows without TOTP are
// passwords only and are not listed.

func parseKeePassXCCSV(data, _ []byte, r *Result) error {
	t, err := readCSV(data, true)
	if err != nil {
		return err
	}
	_, ok := t.col["totp"]
	if _, title := t.col["title"]; !ok || !title {
		return fmt.Errorf("%w: the CSV has no Title and TOTP columns; it is not a KeePassXC export", ErrUnknownFormat)
	}
	get := func(rec []string, name string) string { return strings.TrimSpace(t.get(rec, name)) }
	for _, rec := range t.otpRows("totp") {
		title, user := get(rec, "title"), get(rec, "username")
		acc, err := keepassOTPField(t.get(rec, "totp"), title, user)
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
