package cli

import (
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"authdesk/otpcore/qr/qrtest"
)

const (
	// A plain otpauth code prints as the QR code holds it (the fixture's .txt).
	dim13URI  = "otpauth://totp/Example:alice@google.com?issuer=Example&period=30&secret=JBSWY3DPEHPK3PXP\n"
	exportOut = "otpauth://totp/Test1:test1@example1.com?secret=JBSWY3DPEHPK3PXP&issuer=Test1&algorithm=SHA1&digits=6&period=30\n" +
		"otpauth://totp/Test2:test2@example2.com?secret=JBSWY3DPEHPK3PXQ&issuer=Test2&algorithm=SHA1&digits=6&period=30\n" +
		"otpauth://totp/Test3:test3@example3.com?secret=JBSWY3DPEHPK3PXR&issuer=Test3&algorithm=SHA1&digits=6&period=30\n"
	webLink = "testdata/scan/zxing__qrcode-2_34.png"
	dim13   = "testdata/scan/otpauth-dim13__example.png"
	export  = "testdata/scan/extract_otp_secrets__example_export.png"
)

func TestScan(t *testing.T) {
	dir := t.TempDir()
	notImage := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(notImage, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr []string // lines, each a prefix
	}{
		{"one account", []string{"scan", dim13}, 0, dim13URI, nil},
		{"export expanded, files in order", []string{"scan", export, dim13}, 0, exportOut + dim13URI, nil},
		{"flag after files", []string{"scan", dim13, "--json=false"}, 0, dim13URI, nil},
		{"standard input", []string{"scan", "-"}, 0, dim13URI, nil},
		{"web link only", []string{"scan", webLink}, 1, "",
			[]string{"authdesk scan: " + webLink + ": this QR code is a web link, not an authenticator key"}},
		{"web link beside an account", []string{"scan", webLink, dim13}, 0, dim13URI,
			[]string{"authdesk scan: " + webLink + ": this QR code is a web link"}},
		{"not an image", []string{"scan", notImage}, 2, "",
			[]string{"authdesk scan: " + notImage + ": not an image: use a PNG, JPEG, GIF, BMP or WebP file"}},
		{"bad file beside a good one", []string{"scan", dim13, notImage}, 2, dim13URI,
			[]string{"authdesk scan: " + notImage + ": not an image"}},
		{"missing file", []string{"scan", filepath.Join(dir, "gone.png")}, 2, "",
			[]string{"authdesk scan: " + filepath.Join(dir, "gone.png") + ": cannot read the file: no such file or directory"}},
		{"no arguments", []string{"scan"}, 2, "", []string{"authdesk scan: give image files to scan, or --screen"}},
		{"screen and files", []string{"scan", "--screen", dim13}, 2, "", []string{"authdesk scan: give either --screen or image files"}},
		// The test Env has no DISPLAY nor WAYLAND_DISPLAY.
		{"screen without a desktop", []string{"scan", "--screen"}, 2, "",
			[]string{"authdesk scan: no desktop to capture: DISPLAY and WAYLAND_DISPLAY are not set"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdin := ""
			if tc.args[len(tc.args)-1] == "-" {
				stdin = string(scanFixture(t, dim13))
			}
			code, out, errs := run(t, stdin, tc.args...)
			if code != tc.code || out != tc.stdout {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d, stdout %q", code, out, errs, tc.code, tc.stdout)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if errs == "" {
				lines = nil
			}
			if len(lines) != len(tc.stderr) {
				t.Fatalf("stderr %q, want %d lines", errs, len(tc.stderr))
			}
			for i, want := range tc.stderr {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("stderr line %q, want %q", lines[i], want)
				}
			}
			if strings.Contains(errs, "JBSWY3") {
				t.Errorf("stderr leaks a key: %q", errs)
			}
		})
	}
}

func TestScanNoneFound(t *testing.T) {
	// Valid images without a code: the one-line message counts the files.
	blank := filepath.Join(t.TempDir(), "blank.gif")
	// A 1x1 GIF.
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	if err := os.WriteFile(blank, gif, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "scan", blank, blank)
	want := "authdesk scan: no QR code found in 2 files: is the QR code whole and sharp in the picture?"
	if code != 1 || out != "" || !strings.HasPrefix(errs, want) || strings.Count(errs, "\n") != 1 {
		t.Fatalf("exit %d stdout %q stderr %q; want exit 1 and %q", code, out, errs, want)
	}
}

func TestScanJSON(t *testing.T) {
	code, out, errs := run(t, "", "scan", "--json", webLink, export)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4 (the link, 3 accounts): %q", len(lines), out)
	}
	var link map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &link); err != nil {
		t.Fatal(err)
	}
	if link["text"] != "http://www.google.com/" || link["kind"] != "web-link" || link["source"] != webLink ||
		!strings.HasPrefix(link["hint"].(string), "this QR code is a web link") || link["uri"] != nil {
		t.Errorf("web link line: %v", link)
	}
	if pos, ok := link["position"].(map[string]any); !ok || pos["width"].(float64) < 70 || pos["x"].(float64) > 20 {
		t.Errorf("web link position: %v", link["position"])
	}
	type account struct {
		Text, Kind, Source, Type, Issuer, Name, Algorithm, URI string
		Digits, Period                                         int
		Counter                                                *uint64
	}
	for i, want := range []string{"Test1", "Test2", "Test3"} {
		var a account
		if err := json.Unmarshal([]byte(lines[i+1]), &a); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Text, "otpauth-migration://offline?data=") || a.Kind != "otpauth-migration" || a.Type != "totp" ||
			a.Issuer != want || a.Name != strings.ToLower(want)+"@example"+want[4:]+".com" || a.Algorithm != "SHA1" ||
			a.Digits != 6 || a.Period != 30 || a.Counter != nil || a.URI != strings.Split(exportOut, "\n")[i] {
			t.Errorf("account %d: %+v", i, a)
		}
	}
}

func TestScanJSONHOTP(t *testing.T) {
	// The counter is printed for HOTP, the period is not.
	var f struct {
		Type    string
		Period  *int
		Counter *uint64
	}
	line := hotpJSON(t)
	if err := json.Unmarshal([]byte(line), &f); err != nil {
		t.Fatal(err)
	}
	if f.Type != "hotp" || f.Period != nil || f.Counter == nil || *f.Counter != 7 {
		t.Errorf("%s", line)
	}
}

// hotpJSON scans a generated HOTP code with --json and returns the line.
func hotpJSON(t *testing.T) string {
	t.Helper()
	img, _, err := qrtest.Scene(400, 300, 1, qrtest.Code{Text: "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=7", Module: 3, At: image.Pt(50, 40)})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hotp.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errs := run(t, "", "scan", "--json", path)
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errs)
	}
	return out
}

func scanFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
