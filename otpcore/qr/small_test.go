package qr

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDenseSmall reads the generated small-and-dense images of testdata
// (scripts/qrbench one, see MANIFEST.tsv): every code, byte for byte, in
// reading order, both as a decoded colour image and as the luminance that
// 'authdesk scan' hands over. The decoder before the enlarged passes and
// the redetection read only the noted part of them.
func TestDenseSmall(t *testing.T) {
	for _, c := range []struct {
		file   string
		before string // what the decoder of the previous release read
	}{
		// Two export screens side by side, a v25 code on each, modules of
		// 2 or 3 pixels (scaled without filtering), JPEG: both missed (their
		// size came out a module off), as in issue 13; zbarimg reads both.
		{"generated__two-codes-v25-2.4px.jpg", "0 of 2"},
		// The same with v20 codes at 2.2 pixels, bilinear: one missed.
		{"generated__two-codes-v20-2.2px.jpg", "1 of 2"},
		// A 57-module (v10) code scaled by a browser to 1.9 pixels a module.
		{"generated__v10-57-modules-1.9px.png", "1 of 1"},
		{"generated__v12-1.5px.png", "0 of 1"},
		// A v15 code on a phone-like screen at 1.3 pixels a module.
		{"generated__v15-framed-1.3px.png", "0 of 1"},
	} {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", strings.TrimSuffix(c.file, filepath.Ext(c.file))+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Split(string(raw), "\n")
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			img, _, err := ReadImage(bufio.NewReader(bytes.NewReader(data)), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			gray, _, err := DecodeGray(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string][]Code{"colour": Decode(img), "luminance": Decode(gray)} {
				if len(got) != len(want) {
					t.Errorf("%s: found %d codes, want %d (before: %s)", name, len(got), len(want), c.before)
					continue
				}
				for i := range want {
					if got[i].Text != want[i] {
						t.Errorf("%s: code %d is %.40q..., want %.40q...", name, i, got[i].Text, want[i])
					}
					if !got[i].Bounds.In(img.Bounds()) || got[i].Bounds.Empty() {
						t.Errorf("%s: code %d bounds %v outside the image %v", name, i, got[i].Bounds, img.Bounds())
					}
				}
			}
		})
	}
}

// TestManifestGenerated checks that every generated image of testdata and
// its text has a MANIFEST.tsv row with its size and SHA-256 (the command
// that made it is in the row's notes).
func TestManifestGenerated(t *testing.T) {
	raw, err := os.ReadFile("testdata/MANIFEST.tsv")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		cols := strings.Split(line, "\t")
		rows[cols[0]] = cols
	}
	files, err := filepath.Glob("testdata/generated__*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files in testdata (%v)", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		row := rows[name]
		if len(row) < 8 {
			t.Errorf("%s: no MANIFEST.tsv row", name)
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if row[1] != strconv.Itoa(len(data)) || row[2] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: MANIFEST.tsv says %s bytes, sha256 %s; the file has %d bytes, sha256 %x", name, row[1], row[2], len(data), sum)
		}
	}
}
