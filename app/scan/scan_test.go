package scan

import (
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"authdesk/otpcore"
	"authdesk/otpcore/qr/qrtest"
)

const testURI = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"

func TestFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	blank := filepath.Join(dir, "blank.png")
	{
		f, err := os.Create(blank)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, qrtest.Background(640, 480, 1)); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	huge := filepath.Join(dir, "huge.png")
	if err := os.WriteFile(huge, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 65<<20); err != nil { // sparse: takes no disk
		t.Fatal(err)
	}
	unreadable := write("secret.png", []byte("x"))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name     string
		path     string
		kinds    []otpcore.Kind
		accounts []string // DisplayName of each account
		hint     string
		wantErr  error
		msg      string
	}{
		{name: "otpauth PNG", path: "testdata/otpauth-dim13__example.png", kinds: []otpcore.Kind{otpcore.KindOTPAuth}, accounts: []string{"Example: alice@google.com"}},
		{name: "otpauth WebP", path: "testdata/otpauth-dim13__example.webp", kinds: []otpcore.Kind{otpcore.KindOTPAuth}, accounts: []string{"Example: alice@google.com"}},
		{name: "WebP named .png is read by content", path: write("really-webp.png", must(os.ReadFile("testdata/otpauth-dim13__example.webp"))), kinds: []otpcore.Kind{otpcore.KindOTPAuth}, accounts: []string{"Example: alice@google.com"}},
		{name: "Google export photo", path: "testdata/extract_otp_secrets__example_export.png", kinds: []otpcore.Kind{otpcore.KindMigration},
			accounts: []string{"Test1: test1@example1.com", "Test2: test2@example2.com", "Test3: test3@example3.com"}},
		{name: "web link", path: "testdata/zxing__qrcode-2_34.png", kinds: []otpcore.Kind{otpcore.KindWebLink}, hint: "this QR code is a web link, not an authenticator key"},
		{name: "plain text", path: "testdata/extract_otp_secrets__qr_but_without_otp.png", kinds: []otpcore.Kind{otpcore.KindText}, hint: "plain text, not an authenticator key"},
		{name: "no code", path: blank},
		{name: "missing", path: filepath.Join(dir, "nope.png"), wantErr: ErrUnreadable, msg: "nope.png: cannot read the file: no such file or directory"},
		{name: "folder", path: dir, wantErr: ErrUnreadable, msg: "it is a folder"},
		{name: "text file", path: write("notes.png", []byte("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")), wantErr: ErrNotImage, msg: "notes.png: not an image: use a PNG, JPEG, GIF, BMP or WebP file"},
		{name: "over 64 MiB", path: huge, wantErr: ErrTooManyBytes, msg: "huge.png: image file too large: 65.0 MiB, the limit is 64 MiB"},
		{name: "bomb", path: write("bomb.png", bombPNG(t)), wantErr: ErrTooManyPixels, msg: "bomb.png: image too large: 40000x40000 pixels (1600 megapixels); the limit is 100 megapixels; crop it"},
	}
	if os.Geteuid() != 0 { // root reads anything
		cases = append(cases, struct {
			name     string
			path     string
			kinds    []otpcore.Kind
			accounts []string
			hint     string
			wantErr  error
			msg      string
		}{name: "no permission", path: unreadable, wantErr: ErrUnreadable, msg: "permission denied"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			found, err := File(c.path)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error %v, want %v", err, c.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), c.msg) {
					t.Errorf("message %q does not say %q", err, c.msg)
				}
				return
			}
			if len(found) != len(c.kinds) {
				t.Fatalf("found %d codes, want %d", len(found), len(c.kinds))
			}
			var names []string
			for i, f := range found {
				if f.Kind != c.kinds[i] {
					t.Errorf("kind %v, want %v", f.Kind, c.kinds[i])
				}
				if f.Source.String() != c.path || f.Source.Screen != 0 {
					t.Errorf("source %+v, want the file %s", f.Source, c.path)
				}
				if f.Bounds.Empty() {
					t.Errorf("no position")
				}
				if !strings.Contains(f.Hint, c.hint) {
					t.Errorf("hint %q does not say %q", f.Hint, c.hint)
				}
				for _, a := range f.Accounts {
					names = append(names, a.DisplayName())
				}
			}
			if fmt.Sprint(names) != fmt.Sprint(c.accounts) {
				t.Errorf("accounts %q, want %q", names, c.accounts)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// bombPNG is a tiny PNG whose header announces 40000x40000 pixels.
func bombPNG(t *testing.T) []byte {
	t.Helper()
	b := must(os.ReadFile("testdata/otpauth-dim13__example.png"))
	out := append([]byte(nil), b...)
	// width and height of IHDR, then its CRC
	copy(out[16:24], []byte{0, 0, 0x9c, 0x40, 0, 0, 0x9c, 0x40})
	crc := crc32IEEE(out[12:29])
	copy(out[29:33], []byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	return out
}
