// Command qrbench makes the scan benchmark's images and times authdesk's
// in-process decoder on them; scripts/bench-scan.sh runs it.
//
//	qrbench gen DIR          write the busy-desktop images and DIR/expected.tsv
//	qrbench time N FILE...   decode each file N times, as read (colour) and as
//	                         luminance; print "file<TAB>ms<TAB>found<TAB>gray ms<TAB>found"
//	                         (medians, after one warm-up; reading the file is not timed)
//	qrbench find FILE...     print "file<TAB>text" of the first code, text in Go %q
//	qrbench screen N         capture and decode every screen N times (app/scan.Screens);
//	                         print "screens<TAB>ms<TAB>found" (median, after one warm-up)
//	qrbench corpus DIR       write the small-and-dense corpus (corpus.go) and DIR/corpus.tsv
//	qrbench exports DIR      write the export-screen set (two v17-v25 codes side by side,
//	                         2.2-2.6 px/module) in the corpus's layout
//	qrbench one OUT MODULE VERSION KERNEL plain|framed NCODES SEED
//	                         write one image like the corpus's (for testdata), texts in OUT's .txt
//	qrbench rate DIR [-misses]
//	                         read the corpus with authdesk (in process), zbarimg and
//	                         ZXingReader; print the find rate by module size
package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/image/bmp"

	"authdesk/app/scan"
	"authdesk/otpcore/qr"
	"authdesk/otpcore/qr/qrtest"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: qrbench gen DIR | time N FILE... | find FILE... | screen N | corpus DIR | exports DIR | one ... | rate DIR [-misses]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2])
	case "time":
		err = timeFiles(os.Args[2], os.Args[3:])
	case "find":
		err = find(os.Args[2:])
	case "screen":
		err = screens(os.Args[2])
	case "one":
		err = genOne(os.Args[2:])
	case "corpus":
		err = genCorpus(os.Args[2])
	case "exports":
		err = genExports(os.Args[2])
	case "rate":
		err = rate(os.Args[2], slices.Contains(os.Args[3:], "-misses"))
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "qrbench:", err)
		os.Exit(1)
	}
}

const benchURI = "otpauth://totp/Portal:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Portal&algorithm=SHA1&digits=6&period=30"

type scene struct {
	name   string
	w, h   int
	codes  []qrtest.Code
	format []string
}

func scenes() []scene {
	var out []scene
	for _, size := range [][2]int{{1920, 1080}, {3840, 2160}} {
		w, h := size[0], size[1]
		for _, m := range []int{4, 3, 2} {
			out = append(out, scene{
				name: fmt.Sprintf("%dx%d-m%d", w, h, m),
				w:    w, h: h,
				codes:  []qrtest.Code{{Text: benchURI, Module: m, At: image.Pt(w*3/5, h/3)}},
				format: []string{"png", "bmp"},
			})
		}
		out = append(out, scene{
			name: fmt.Sprintf("%dx%d-m3-two", w, h), w: w, h: h,
			codes: []qrtest.Code{
				{Text: benchURI, Module: 3, At: image.Pt(w/6, h/5)},
				{Text: strings.Replace(benchURI, "alice", "bob", 1), Module: 3, At: image.Pt(w*2/3, h*3/5)},
			},
			format: []string{"png", "bmp"},
		})
	}
	return out
}

func gen(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	exp, err := os.Create(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		return err
	}
	defer exp.Close()
	for i, s := range scenes() {
		img, _, err := qrtest.Scene(s.w, s.h, uint64(i+1), s.codes...)
		if err != nil {
			return err
		}
		for _, f := range s.format {
			name := s.name + "." + f
			if err := write(filepath.Join(dir, name), img, f); err != nil {
				return err
			}
			fmt.Fprintf(exp, "%s\t%d\n", name, len(s.codes))
		}
	}
	return nil
}

func write(path string, img image.Image, format string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if format == "bmp" {
		err = bmp.Encode(f, img)
	} else {
		err = png.Encode(f, img)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func load(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := qr.ReadImage(bufio.NewReader(f), qr.DefaultLimits)
	return img, err
}

func timeFiles(nArg string, files []string) error {
	n, err := strconv.Atoi(nArg)
	if err != nil || n < 1 {
		return fmt.Errorf("bad count %q", nArg)
	}
	for _, path := range files {
		img, err := load(path)
		if err != nil {
			return err
		}
		// The colour image as decoded, and its luminance (what the X11
		// capturer and DecodeGray hand to Decode).
		gray := image.NewGray(img.Bounds())
		draw.Draw(gray, gray.Rect, img, img.Bounds().Min, draw.Src)
		found := len(qr.Decode(img))
		fmt.Printf("%s\t%.1f\t%d\t%.1f\t%d\n", filepath.Base(path), median(n, img), found, median(n, gray), len(qr.Decode(gray)))
	}
	return nil
}

// median is the median time of n decodes of img, after one warm-up, in ms.
func median(n int, img image.Image) float64 {
	qr.Decode(img)
	ds := make([]time.Duration, n)
	for i := range ds {
		t0 := time.Now()
		qr.Decode(img)
		ds[i] = time.Since(t0)
	}
	slices.Sort(ds)
	return float64(ds[n/2].Microseconds()) / 1000
}

func screens(nArg string) error {
	n, err := strconv.Atoi(nArg)
	if err != nil || n < 1 {
		return fmt.Errorf("bad count %q", nArg)
	}
	found, rep, err := scan.Screens(context.Background())
	if err != nil {
		return err
	}
	ds := make([]time.Duration, n)
	for i := range ds {
		t0 := time.Now()
		if _, _, err := scan.Screens(context.Background()); err != nil {
			return err
		}
		ds[i] = time.Since(t0)
	}
	slices.Sort(ds)
	fmt.Printf("%d\t%.1f\t%d\n", rep.Screens, float64(ds[n/2].Microseconds())/1000, len(found))
	return nil
}

func find(files []string) error {
	for _, path := range files {
		img, err := load(path)
		if err != nil {
			return err
		}
		text := ""
		if codes := qr.Decode(img); len(codes) > 0 {
			text = codes[0].Text
		}
		fmt.Printf("%s\t%q\n", filepath.Base(path), text)
	}
	return nil
}
