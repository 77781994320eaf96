package transfer

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	"authdesk/otpcore"
	"authdesk/otpcore/qr"
)

func mustAccount(t testing.TB, uri string) otpcore.Account {
	t.Helper()
	a, err := otpcore.ParseURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// accounts returns n Google-compatible accounts of every kind the format
// carries (TOTP and HOTP, SHA1/256/512, 6 and 8 digits).
func accounts(t testing.TB, n int) []otpcore.Account {
	var out []otpcore.Account
	algs := []string{"SHA1", "SHA256", "SHA512"}
	for i := 0; i < n; i++ {
		key := otpcore.Secret(fmt.Sprintf("key-%02d-0123456789", i)).Base32()
		uri := fmt.Sprintf("otpauth://totp/Issuer%d:user%d@example.com?secret=%s&algorithm=%s&digits=%d", i, i, key, algs[i%3], 6+2*(i%2))
		if i%4 == 3 {
			uri = fmt.Sprintf("otpauth://hotp/Bank%d:acct%d?secret=%s&counter=%d", i, i, key, 1000+i)
		}
		out = append(out, mustAccount(t, uri))
	}
	return out
}

func sameAccount(a, b otpcore.Account) bool {
	return a.Type == b.Type && a.Name == b.Name && a.Issuer == b.Issuer && a.Secret.Equal(b.Secret) &&
		a.Algorithm == b.Algorithm && a.Digits == b.Digits && a.Period == b.Period && a.Counter == b.Counter
}

func TestGoogleMigrationBatches(t *testing.T) {
	for _, n := range []int{1, 10, 11, 23, 30} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			accs := accounts(t, n)
			links, skipped := GoogleMigration(accs, -123456)
			wantLinks := (n + 9) / 10
			if len(links) != wantLinks || len(skipped) != 0 {
				t.Fatalf("%d links, skipped %v; want %d links", len(links), skipped, wantLinks)
			}
			var got []otpcore.Account
			for i, l := range links {
				b, err := otpcore.ParseMigration(l)
				if err != nil {
					t.Fatalf("link %d: %v", i, err)
				}
				if b.Version != 1 || b.BatchSize != int32(wantLinks) || b.BatchIndex != int32(i) || b.BatchID != -123456 || len(b.Skipped) != 0 {
					t.Errorf("link %d: version %d batch %d/%d id %d", i, b.Version, b.BatchIndex, b.BatchSize, b.BatchID)
				}
				if len(b.Accounts) > GoogleBatchSize {
					t.Errorf("link %d holds %d accounts", i, len(b.Accounts))
				}
				got = append(got, b.Accounts...)
			}
			if len(got) != n {
				t.Fatalf("%d accounts back, want %d", len(got), n)
			}
			for i := range got {
				if !sameAccount(got[i], accs[i]) {
					t.Errorf("account %d: %v, want %v", i, got[i], accs[i])
				}
			}
		})
	}
}

func TestGoogleMigrationSkips(t *testing.T) {
	accs := []otpcore.Account{
		mustAccount(t, "otpauth://steam/Steam:gamer?secret=JBSWY3DPEHPK3PXP"),
		mustAccount(t, "otpauth://totp/SPDX:James?secret=JBSWY3DPEHPK3PXP&digits=7"),
		mustAccount(t, "otpauth://totp/Airbnb:Elijah?secret=JBSWY3DPEHPK3PXP&period=50"),
		mustAccount(t, "otpauth://totp/Deno:Mason?secret=JBSWY3DPEHPK3PXP"),
	}
	links, skipped := GoogleMigration(accs, 1)
	if len(links) != 1 || len(skipped) != 3 {
		t.Fatalf("%d links, skipped %v", len(links), skipped)
	}
	for i, want := range []string{"Steam Guard", "7 digits", "period is 50 s"} {
		if skipped[i].Name != accs[i].DisplayName() || !strings.Contains(skipped[i].Reason, want) || strings.Contains(skipped[i].Reason, "JBSWY") {
			t.Errorf("skipped %d: %+v, want %q", i, skipped[i], want)
		}
	}
	if links, skipped := GoogleMigration(nil, 1); len(links) != 0 || len(skipped) != 0 {
		t.Errorf("no accounts: %v %v", links, skipped)
	}
}

// The QR codes read back (otpcore/qr, the app's own decoder) to the same
// text: a full 10-account export code and a per-account otpauth code.
func TestQRRoundTrip(t *testing.T) {
	links, _ := GoogleMigration(accounts(t, 10), 7)
	acc := mustAccount(t, "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
	for _, text := range []string{links[0], acc.ExportURI()} {
		b, err := QRPNG(text, 4)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		codes := qr.Decode(img)
		if len(codes) != 1 || codes[0].Text != text {
			t.Fatalf("decoded %d codes, text matches: %v", len(codes), len(codes) == 1 && codes[0].Text == text)
		}
	}
}

func TestQRErrors(t *testing.T) {
	if _, err := QRCode("x", 0); !errors.Is(err, ErrQR) {
		t.Errorf("module 0: %v", err)
	}
	secret := strings.Repeat("SECRETKEY", 500)
	_, err := QRCode(secret, 2)
	if !errors.Is(err, ErrQR) || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("too long: %v", err)
	}
}

// The codes of the accounts sent to a phone are the codes authdesk shows.
func TestGoogleMigrationCodes(t *testing.T) {
	accs := accounts(t, 5)
	links, _ := GoogleMigration(accs, 1)
	b, err := otpcore.ParseMigration(links[0])
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1700000000, 0)
	for i, a := range b.Accounts {
		c1, _ := a.Code(now)
		c2, _ := accs[i].Code(now)
		if c1 != c2 || c1 == "" {
			t.Errorf("account %d: code differs", i)
		}
	}
}
