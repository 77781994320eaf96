package importer

import (
	"errors"
	"testing"
)

// Stratum's categories and LastPass's folders and favourites, which the
// projects' fixtures leave empty.
func TestGroupsAndPins(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		format     Format
		groups     []string
		pinned     []bool
	}{
		{"stratum categories", `{"Authenticators":[
		  {"Type":2,"Issuer":"A","Username":"a","Secret":"JBSWY3DPEHPK3PXP","Algorithm":0,"Digits":6,"Period":30,"Counter":0},
		  {"Type":2,"Issuer":"B","Username":null,"Secret":"KRSXG5CTMVRXEZLU","Algorithm":1,"Digits":8,"Period":60,"Counter":0}],
		 "Categories":[{"Id":"c1","Name":"Work"},{"Id":"c2","Name":"Home"}],
		 "AuthenticatorCategories":[{"CategoryId":"c2","AuthenticatorSecret":"KRSXG5CTMVRXEZLU"},{"CategoryId":"c1","AuthenticatorSecret":"KRSXG5CTMVRXEZLU"}]}`,
			Stratum, []string{"", "Home"}, []bool{false, false}},
		{"lastpass folders", `{"version":3,"deviceName":"x","accounts":[
		  {"issuerName":"A","userName":"a","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":6,"algorithm":"SHA1","isFavorite":true,"folderData":{"folderId":1}},
		  {"issuerName":"B","userName":"b","secret":"KRSXG5CTMVRXEZLU","timeStep":30,"digits":6,"algorithm":"SHA1","isFavorite":false,"folderData":{"folderId":7}}],
		 "folders":[{"id":1,"name":"Favorites"},{"id":0,"name":"Other accounts"},{"id":7,"name":"Servers"}]}`,
			LastPass, []string{"", "Servers"}, []bool{true, false}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Import([]byte(tt.data), Auto, nil)
			if err != nil || r.Format != tt.format || len(r.Accounts) != len(tt.groups) {
				t.Fatalf("%v %q %d accounts", err, r.Format, len(r.Accounts))
			}
			for i, e := range r.Accounts {
				if e.Group != tt.groups[i] || e.Pinned != tt.pinned[i] {
					t.Errorf("entry %d %q: group %q pinned %v, want %q %v", i, e.Name, e.Group, e.Pinned, tt.groups[i], tt.pinned[i])
				}
			}
		})
	}
	// mOTP and Yandex entries of a Stratum backup are listed as skipped.
	r, err := Import([]byte(`{"Authenticators":[{"Type":3,"Issuer":"M","Username":"m","Secret":"JBSWY3DPEHPK3PXP","Algorithm":0,"Digits":6,"Period":10},
	  {"Type":5,"Issuer":"Y","Username":"y","Secret":"JBSWY3DPEHPK3PXP","Algorithm":1,"Digits":8,"Period":30},
	  {"Type":2,"Issuer":"X","Username":"x","Secret":"JBSWY3DPEHPK3PXP","Algorithm":9,"Digits":6,"Period":30}]}`), Auto, nil)
	if err != nil || len(r.Skipped) != 3 || r.Skipped[0].Reason != "mOTP tokens are not supported" || r.Skipped[1].Reason != "Yandex tokens are not supported" {
		t.Errorf("%v %+v", err, r.Skipped)
	}
}

func TestStratumEncryptedDamaged(t *testing.T) {
	for _, file := range []string{"Aegis__stratum_encrypted.bin", "Aegis__stratum_encrypted_legacy.bin"} {
		data := readFixture(t, file)
		flipped := append([]byte(nil), data...)
		flipped[len(flipped)-20] ^= 1
		for _, tt := range []struct {
			name string
			data []byte
			want error
		}{
			{"a byte changed", flipped, ErrWrongPassword},
			{"cut to the header", data[:40], ErrDamaged},
			{"no password", data, ErrPasswordNeeded},
		} {
			t.Run(file+"/"+tt.name, func(t *testing.T) {
				pw := []byte("test")
				if tt.want == ErrPasswordNeeded {
					pw = nil
				}
				r, err := Import(tt.data, Auto, pw)
				if !errors.Is(err, tt.want) || len(r.Accounts) != 0 {
					t.Errorf("Import: %v (%d accounts), want %v", err, len(r.Accounts), tt.want)
				}
			})
		}
	}
}

// Proton Authenticator keeps Steam Guard entries as steam://KEY with the
// entry's name (the shape ente's proton_import_test.dart builds).
func TestProtonSteam(t *testing.T) {
	data := []byte(`{"version":1,"entries":[{"id":"s","content":{"uri":"steam://JRZCL47CMXVOQMNPZR2F7J4RGI","entry_type":"Steam","name":"gaming"},"note":null}]}`)
	r, err := Import(data, Auto, nil)
	if err != nil || len(r.Accounts) != 1 {
		t.Fatalf("%v %+v", err, r.Skipped)
	}
	a := r.Accounts[0]
	if a.Account.Type.String() != "steam" || a.Account.Digits != 5 || a.Name != "Steam: gaming" || a.Account.Secret.Base32() != "JRZCL47CMXVOQMNPZR2F7J4RGI" {
		t.Errorf("%q %s %d", a.Name, a.Account.Type, a.Account.Digits)
	}
}
