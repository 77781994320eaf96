// Command demo creates a demo profile with N made-up TOTP accounts, for the
// GUI measurements (scripts/measure-gui.sh). It uses the file store and a
// cheap key derivation so that creating 500 accounts takes seconds; never
// use it for real keys.
package main

import (
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"time"

	"authdesk/app/settings"
	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/otpcore"
)

func main() {
	home := flag.String("home", "", "AUTHDESK_HOME")
	profile := flag.String("profile", "demo", "profile")
	n := flag.Int("n", 20, "accounts")
	pwFile := flag.String("password-file", "", "password file")
	realKDF := flag.Bool("real-kdf", false, "the real Argon2id cost (128 MiB, about 0.5 s)")
	mixed := flag.Bool("mixed", false, "every fourth account with a 60 s period (each row then shows its own countdown)")
	flag.Parse()
	pw, err := os.ReadFile(*pwFile)
	if err != nil {
		fail(err)
	}
	if len(pw) > 0 && pw[len(pw)-1] == '\n' {
		pw = pw[:len(pw)-1]
	}
	kdf := seal.Cheap
	if *realKDF {
		kdf = seal.Default
	}
	v, err := vault.Open(vault.Options{Home: *home, Profile: *profile, Store: vault.StoreFile, KDF: kdf})
	if err != nil {
		fail(err)
	}
	if err := v.Init(pw, time.Now()); err != nil {
		fail(err)
	}
	for i := 0; i < *n; i++ {
		key := make([]byte, 20)
		_, _ = rand.Read(key)
		acc := otpcore.NewAccount(otpcore.TOTP, fmt.Sprintf("user%d@example.com", i), fmt.Sprintf("Service %d", i), key)
		if *mixed && i%4 == 3 {
			acc.Period = 60
		}
		if _, err := v.Add(fmt.Sprintf("account %03d", i), acc); err != nil {
			fail(err)
		}
	}
	v.Lock()
	// No clock check against a public time server from a test machine.
	st := settings.Defaults()
	st.ClockCheck = false
	if err := settings.Save(v.Dir(), st); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "demo:", err)
	os.Exit(1)
}
