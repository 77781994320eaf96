package importer

import (
	"encoding/json"
	"fmt"
)

// LastPass Authenticator exports (Android and iOS): {"version":N,
// "deviceName",...,"accounts":[{"issuerName","userName","secret",
// "timeStep","digits","algorithm","isFavorite","folderData":{"folderId"}}],
// "folders":[{"id","name"}]}. Every account is TOTP. Folders 0 ("Other
// accounts") and 1 ("Favorites") are the app's own lists, not groups; a
// favourite is pinned.

type lastPassFile struct {
	Accounts []struct {
		IssuerName string `json:"issuerName"`
		UserName   string `json:"userName"`
		Secret     string `json:"secret"`
		TimeStep   int    `json:"timeStep"`
		Digits     int    `json:"digits"`
		Algorithm  string `json:"algorithm"`
		IsFavorite bool   `json:"isFavorite"`
		FolderData *struct {
			FolderID int `json:"folderId"`
		} `json:"folderData"`
	} `json:"accounts"`
	Folders []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	} `json:"folders"`
}

// lastPassOwnFolders are the folder ids of the app's own lists.
var lastPassOwnFolders = map[int]bool{0: true, 1: true}

func parseLastPass(data, _ []byte, r *Result) error {
	var f lastPassFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	if f.Accounts == nil {
		return fmt.Errorf("%w: the LastPass Authenticator export has no accounts list", ErrDamaged)
	}
	folders := map[int]string{}
	for _, fo := range f.Folders {
		if !lastPassOwnFolders[fo.ID] {
			folders[fo.ID] = fo.Name
		}
	}
	for _, a := range f.Accounts {
		acc, err := fields{typ: "totp", issuer: a.IssuerName, name: a.UserName, algo: a.Algorithm, key: a.Secret,
			digits: a.Digits, period: a.TimeStep}.account()
		if err != nil {
			r.skip(displayName(a.IssuerName, a.UserName), err.Error())
			continue
		}
		e := Entry{Account: acc, Pinned: a.IsFavorite}
		if a.FolderData != nil {
			e.Group = folders[a.FolderData.FolderID]
		}
		r.add(e)
	}
	return nil
}
