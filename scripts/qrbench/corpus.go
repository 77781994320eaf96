package main

// The small-and-dense corpus: QR codes made by qrencode (versions 3 to 15,
// payloads shaped like otpauth and Google export links), drawn at a few
// pixels per module, then scaled down to 1.3..3 pixels per module with a
// bilinear or a bicubic (Catmull-Rom) kernel, as a browser or a phone
// screenshot does; half of them saved as JPEG (quality 85), a third with
// two codes side by side, half framed like a phone screen (header bar,
// lines of text, margins).

import (
	"bytes"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	xdraw "golang.org/x/image/draw"
)

// corpusModules are the module sizes of the corpus, pixels per module.
var corpusModules = []float64{1.3, 1.5, 1.7, 1.9, 2.1, 2.4, 2.7, 3.0}

// hiRes is the module size codes are drawn at before the downscale.
const hiRes = 6

// byteCapM is the byte-mode capacity of QR versions 3..15 at error
// correction level M (ISO/IEC 18004, table 7); the corpus uses 3 to 15,
// single images (mode one) up to 25, like the export screens of an
// authenticator app.
var byteCapM = map[int]int{3: 42, 4: 62, 5: 84, 6: 106, 7: 122, 8: 152, 9: 180, 10: 213, 11: 251, 12: 287, 13: 331, 14: 362, 15: 412, 16: 450, 17: 504, 18: 560, 19: 624, 20: 666, 21: 711, 22: 779, 23: 857, 24: 911, 25: 997}

// corpusItem is one image of the corpus.
type corpusItem struct {
	File    string
	Module  float64
	Version int
	Kernel  string // bilinear or bicubic
	Framed  bool
	Texts   []string
}

// payload returns a text of about n bytes: an otpauth link or, for the
// larger versions, a Google export link (base64 of random bytes, escaped
// as the app does).
func payload(r *rand.Rand, n int) string {
	if n < 120 && r.IntN(3) > 0 {
		issuers := []string{"Portal", "GitLab", "Nextcloud", "Example%20Bank", "VPN"}
		is := issuers[r.IntN(len(issuers))]
		head := fmt.Sprintf("otpauth://totp/%s:user%d%%40example.com?issuer=%s&secret=", is, r.IntN(1000), is)
		tail := "&period=30"
		k := max(8, (n-len(head)-len(tail))*5/8)
		key := make([]byte, k)
		for i := range key {
			key[i] = byte(r.Uint32())
		}
		return trimEscape(head+strings.TrimRight(base32.StdEncoding.EncodeToString(key), "=")+tail, n)
	}
	head := "otpauth-migration://offline?data="
	var b strings.Builder
	b.WriteString(head)
	for b.Len() < n {
		raw := make([]byte, 3)
		for i := range raw {
			raw[i] = byte(r.Uint32())
		}
		b.WriteString(url.QueryEscape(base64.StdEncoding.EncodeToString(raw)))
	}
	return trimEscape(b.String(), n)
}

// trimEscape cuts s to at most n bytes, and further so that it does not end
// inside a %XX escape.
func trimEscape(s string, n int) string {
	for len(s) > n || strings.HasSuffix(s, "%") || (len(s) > 1 && s[len(s)-2] == '%') {
		s = s[:len(s)-1]
	}
	return s
}

// qrencodeModules runs qrencode on text (version v, level M, no margin,
// one pixel a module) and returns the module matrix, true dark.
func qrencodeModules(text string, v int) ([][]bool, error) {
	cmd := exec.Command("qrencode", "-t", "PNG", "-s", "1", "-m", "0", "-l", "M", "-v", fmt.Sprint(v), "-8", "-o", "-")
	cmd.Stdin = strings.NewReader(text)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("qrencode: %w: %s", err, strings.TrimSpace(errb.String()))
	}
	img, err := png.Decode(&out)
	if err != nil {
		return nil, fmt.Errorf("qrencode output: %w", err)
	}
	n := img.Bounds().Dx()
	if n != 17+4*v {
		return nil, fmt.Errorf("qrencode made a %d-module symbol, want version %d", n, v)
	}
	mods := make([][]bool, n)
	for y := range mods {
		mods[y] = make([]bool, n)
		for x := range mods[y] {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			mods[y][x] = g.Y < 128
		}
	}
	return mods, nil
}

// paintCode draws mods with a 4-module quiet zone at (x, y), s pixels a
// module.
func paintCode(dst *image.RGBA, mods [][]bool, x, y, s int) {
	n := len(mods)
	draw.Draw(dst, image.Rect(x, y, x+(n+8)*s, y+(n+8)*s), image.White, image.Point{}, draw.Src)
	for my, row := range mods {
		for mx, on := range row {
			if on {
				px := x + (mx+4)*s
				py := y + (my+4)*s
				draw.Draw(dst, image.Rect(px, py, px+s, py+s), image.Black, image.Point{}, draw.Src)
			}
		}
	}
}

// paintText draws lines of word-like dark marks in r, like a screen's
// text at a size near the modules' (the hard case for a finder scan).
func paintText(dst *image.RGBA, r image.Rectangle, s int, rng *rand.Rand) {
	ink := image.NewUniform(color.RGBA{60, 64, 67, 255})
	lineH := 4 * s
	for y := r.Min.Y + s; y+3*s <= r.Max.Y; y += lineH {
		x := r.Min.X + s
		for x < r.Max.X-4*s {
			wlen := (2 + rng.IntN(6)) * s
			end := min(x+wlen, r.Max.X-s)
			// a word: glyph-like strokes one to two module widths apart
			for gx := x; gx < end; gx += s/2 + rng.IntN(s+1) + 1 {
				gh := 2*s + rng.IntN(s+1)
				draw.Draw(dst, image.Rect(gx, y+3*s-gh, gx+max(1, s/3+rng.IntN(s/2+1)), y+3*s), ink, image.Point{}, draw.Src)
			}
			x = end + 2*s
		}
	}
}

// render builds the high-resolution canvas of mods (one code or two side
// by side) and returns it.
func render(mods [][][]bool, framed bool, rng *rand.Rand) *image.RGBA {
	s := hiRes
	side := (len(mods[0]) + 8) * s
	phase := rng.IntN(s) // sub-module placement after the downscale
	if !framed {
		gap := 2 * s
		w := len(mods)*side + (len(mods)-1)*gap + phase
		img := image.NewRGBA(image.Rect(0, 0, w, side+phase))
		draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
		for i, m := range mods {
			paintCode(img, m, phase+i*(side+gap), phase, s)
		}
		return img
	}
	// One screen per code, side by side (the export screens of an app).
	paneW := side + 2*8*s
	header, title, above, below := 10*s, 8*s, 12*s, 16*s
	paneH := header + title + above + side + below
	w := len(mods)*paneW + (len(mods)-1)*4*s
	img := image.NewRGBA(image.Rect(0, 0, w+phase, paneH+phase))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{32, 33, 36, 255}), image.Point{}, draw.Src)
	for i, m := range mods {
		x0 := phase + i*(paneW+4*s)
		pane := image.Rect(x0, phase, x0+paneW, phase+paneH)
		draw.Draw(img, pane, image.NewUniform(color.RGBA{248, 249, 250, 255}), image.Point{}, draw.Src)
		bar := image.Rect(pane.Min.X, pane.Min.Y, pane.Max.X, pane.Min.Y+header)
		draw.Draw(img, bar, image.NewUniform(color.RGBA{26, 115, 232, 255}), image.Point{}, draw.Src)
		paintText(img, image.Rect(pane.Min.X+4*s, bar.Max.Y+2*s, pane.Max.X-4*s, bar.Max.Y+title), s, rng)
		paintText(img, image.Rect(pane.Min.X+2*s, bar.Max.Y+title, pane.Max.X-2*s, bar.Max.Y+title+above-s), s, rng)
		cy := bar.Max.Y + title + above
		paintCode(img, m, pane.Min.X+8*s, cy, s)
		paintText(img, image.Rect(pane.Min.X+2*s, cy+side+s, pane.Max.X-2*s, pane.Max.Y-s), s, rng)
	}
	return img
}

// downscale scales src by f with the kernel named k.
func downscale(src *image.RGBA, f float64, k string) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*f+0.5), int(float64(b.Dy())*f+0.5)))
	var kern xdraw.Scaler = xdraw.BiLinear
	switch k {
	case "bicubic":
		kern = xdraw.CatmullRom
	case "nearest": // a bitmap scaled without filtering (modules of uneven width)
		kern = xdraw.NearestNeighbor
	}
	kern.Scale(dst, dst.Rect, src, b, xdraw.Src, nil)
	return dst
}

// genCorpus writes the corpus images into dir and dir/corpus.tsv: file,
// module size, version, kernel, framed, then the texts, one a column.
func genCorpus(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(13, 2026))
	var items []corpusItem
	i := 0
	for _, mod := range corpusModules {
		for v := 3; v <= 15; v++ {
			for _, k := range []string{"bilinear", "bicubic"} {
				i++
				two := i%3 == 0
				framed := (i/2)%2 == 0
				jpg := i%2 == 1
				ncodes := 1
				if two {
					ncodes = 2
				}
				var mods [][][]bool
				var texts []string
				for range ncodes {
					n := byteCapM[v] * (70 + rng.IntN(26)) / 100
					t := payload(rng, n)
					m, err := qrencodeModules(t, v)
					if err != nil {
						return err
					}
					mods = append(mods, m)
					texts = append(texts, t)
				}
				img := downscale(render(mods, framed, rng), mod/hiRes, k)
				ext := "png"
				if jpg {
					ext = "jpg"
				}
				name := fmt.Sprintf("m%.1f-v%02d-%s-%d.%s", mod, v, k, ncodes, ext)
				if err := writeCorpusImage(filepath.Join(dir, name), img, jpg); err != nil {
					return err
				}
				items = append(items, corpusItem{File: name, Module: mod, Version: v, Kernel: k, Framed: framed, Texts: texts})
			}
		}
	}
	var tsv strings.Builder
	for _, it := range items {
		fmt.Fprintf(&tsv, "%s\t%.1f\t%d\t%s\t%t\t%s\n", it.File, it.Module, it.Version, it.Kernel, it.Framed, strings.Join(it.Texts, "\t"))
	}
	return os.WriteFile(filepath.Join(dir, "corpus.tsv"), []byte(tsv.String()), 0o644)
}

// exportImage draws n codes of version v with payloads 90% of its
// capacity, framed or plain, scaled to mod pixels a module with kernel;
// seed makes it reproducible.
func exportImage(mod float64, v int, kernel string, framed bool, n int, seed uint64) (image.Image, []string, error) {
	rng := rand.New(rand.NewPCG(seed, 2026))
	var mods [][][]bool
	var texts []string
	for range n {
		t := payload(rng, byteCapM[v]*9/10)
		m, err := qrencodeModules(t, v)
		if err != nil {
			return nil, nil, err
		}
		mods, texts = append(mods, m), append(texts, t)
	}
	return downscale(render(mods, framed, rng), mod/hiRes, kernel), texts, nil
}

// genExports writes the export-screen set into dir and dir/corpus.tsv (the
// format of genCorpus): two dense codes (versions 17 to 25) side by side
// on phone-like screens at 2.2 to 2.6 pixels a module, scaled with each
// kernel (nearest too: a screenshot scaled without filtering), every
// other one JPEG.
func genExports(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var tsv strings.Builder
	i := 0
	for _, v := range []int{17, 19, 21, 23, 25} {
		for _, mod := range []float64{2.2, 2.4, 2.6} {
			for _, k := range []string{"nearest", "bilinear", "bicubic"} {
				i++
				img, texts, err := exportImage(mod, v, k, true, 2, uint64(i))
				if err != nil {
					return err
				}
				jpg := i%2 == 0
				ext := "png"
				if jpg {
					ext = "jpg"
				}
				name := fmt.Sprintf("x%.1f-v%02d-%s-2.%s", mod, v, k, ext)
				if err := writeCorpusImage(filepath.Join(dir, name), img, jpg); err != nil {
					return err
				}
				fmt.Fprintf(&tsv, "%s\t%.1f\t%d\t%s\t%t\t%s\n", name, mod, v, k, true, strings.Join(texts, "\t"))
			}
		}
	}
	return os.WriteFile(filepath.Join(dir, "corpus.tsv"), []byte(tsv.String()), 0o644)
}

// genOne writes one image like those of the corpus (for testdata) and its
// texts, one a line, beside it in a .txt file.
// args: OUT MODULE VERSION bilinear|bicubic|nearest plain|framed NCODES SEED
func genOne(args []string) error {
	if len(args) != 7 {
		return fmt.Errorf("usage: qrbench one OUT MODULE VERSION bilinear|bicubic|nearest plain|framed NCODES SEED")
	}
	mod, err1 := strconv.ParseFloat(args[1], 64)
	v, err2 := strconv.Atoi(args[2])
	n, err3 := strconv.Atoi(args[5])
	seed, err4 := strconv.ParseUint(args[6], 10, 64)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return err
	}
	if byteCapM[v] == 0 {
		return fmt.Errorf("version %d: not one of the corpus's", v)
	}
	img, texts, err := exportImage(mod, v, args[3], args[4] == "framed", n, seed)
	if err != nil {
		return err
	}
	out := args[0]
	if err := writeCorpusImage(out, img, strings.HasSuffix(out, ".jpg")); err != nil {
		return err
	}
	return os.WriteFile(strings.TrimSuffix(out, filepath.Ext(out))+".txt", []byte(strings.Join(texts, "\n")), 0o644)
}

func writeCorpusImage(path string, img image.Image, jpg bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if jpg {
		err = jpeg.Encode(f, img, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(f, img)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
