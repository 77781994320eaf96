package importer

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Bitwarden exports: the unencrypted JSON ({"encrypted":false,"folders":[],
// "items":[{"name","folderId","favorite","login":{"username","totp"}}]}) and
// the CSV (a header row naming the columns, login_totp among them). The
// TOTP field holds an otpauth:// link, a steam:// link or a bare key;
// items without one are password entries and are not listed. Encrypted
// JSON exports: see bitwarden_encrypted.go.

type bitwardenFile struct {
	Folders []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"folders"`
	Items []struct {
		Name     string  `json:"name"`
		FolderID *string `json:"folderId"`
		Favorite bool    `json:"favorite"`
		Login    *struct {
			Username *string `json:"username"`
			TOTP     *string `json:"totp"`
		} `json:"login"`
	} `json:"items"`
}

func parseBitwardenJSON(data, password []byte, r *Result) error {
	var sealed bitwardenSealed
	if err := json.Unmarshal(data, &sealed); err != nil {
		return jsonErr(err)
	}
	if sealed.Encrypted {
		plain, err := openBitwarden(sealed, password)
		if err != nil {
			return err
		}
		defer wipe(plain)
		var inner bitwardenSealed
		if err := json.Unmarshal(plain, &inner); err != nil {
			return jsonErr(err)
		}
		if inner.Encrypted {
			return fmt.Errorf("%w: the decrypted Bitwarden export is itself encrypted", ErrUnsupported)
		}
		data = plain
	}
	var f bitwardenFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	folders := map[string]string{}
	for _, fo := range f.Folders {
		folders[fo.ID] = fo.Name
	}
	for _, it := range f.Items {
		if it.Login == nil || it.Login.TOTP == nil || strings.TrimSpace(*it.Login.TOTP) == "" {
			continue
		}
		user := ""
		if it.Login.Username != nil {
			user = *it.Login.Username
		}
		acc, err := otpField(*it.Login.TOTP, it.Name, user)
		e := Entry{Account: acc, Pinned: it.Favorite}
		if it.FolderID != nil {
			e.Group = folders[*it.FolderID]
		}
		if err != nil {
			r.skip(it.Name, err.Error())
			continue
		}
		r.add(e)
	}
	return nil
}

func parseBitwardenCSV(data, _ []byte, r *Result) error {
	t, err := readCSV(data, false)
	if err != nil {
		return err
	}
	if _, ok := t.col["login_totp"]; !ok {
		return fmt.Errorf("%w: the CSV has no login_totp column; it is not a Bitwarden export", ErrUnknownFormat)
	}
	get := t.get
	for _, rec := range t.otpRows("login_totp") {
		name := get(rec, "name")
		acc, err := otpField(t.get(rec, "login_totp"), name, get(rec, "login_username"))
		if err != nil {
			r.skip(name, err.Error())
			continue
		}
		r.add(Entry{Account: acc, Group: get(rec, "folder"), Pinned: get(rec, "favorite") == "1"})
	}
	return nil
}
