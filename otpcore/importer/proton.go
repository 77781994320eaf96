package importer

import (
	"encoding/json"
	"fmt"
)

// Proton Authenticator exports: {"version":1,"entries":[{"id","content":
// {"uri","entry_type","name"},"note"}]}; the uri is an otpauth:// link (or
// steam://KEY for Steam entries). Encrypted exports ("salt" and an opaque
// "content") are refused: export again without a password.

type protonFile struct {
	Version int `json:"version"`
	Entries []struct {
		Content struct {
			URI       string `json:"uri"`
			EntryType string `json:"entry_type"`
			Name      string `json:"name"`
		} `json:"content"`
	} `json:"entries"`
	Salt    *string         `json:"salt"`
	Content json.RawMessage `json:"content"`
}

func parseProton(data, _ []byte, r *Result) error {
	var f protonFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	if f.Salt != nil || len(f.Content) > 0 {
		return fmt.Errorf("%w: this Proton Authenticator export is encrypted; export again without a password", ErrUnsupported)
	}
	if f.Version != 1 {
		return fmt.Errorf("%w: Proton Authenticator export version %d (authdesk reads version 1)", ErrUnsupported, f.Version)
	}
	for _, e := range f.Entries {
		acc, err := otpField(e.Content.URI, "", e.Content.Name)
		if err != nil {
			r.skip(e.Content.Name, err.Error())
			continue
		}
		r.add(Entry{Account: acc})
	}
	return nil
}
