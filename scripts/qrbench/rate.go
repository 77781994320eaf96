package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"authdesk/otpcore/qr"
)

// decoders are the readers compared on the corpus; each returns the texts
// it read from a file.
var decoders = []struct {
	name string
	read func(path string) []string
}{
	{"authdesk", readAuthdesk},
	{"zbarimg", readZbar},
	{"ZXingReader", readZXing},
}

func readAuthdesk(path string) []string {
	img, err := load(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range qr.Decode(img) {
		out = append(out, c.Text)
	}
	return out
}

// readZbar runs zbarimg as a user would, QR codes only; one text a line.
func readZbar(path string) []string {
	out, _ := exec.Command("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

// readZXing runs ZXingReader with its defaults (rotations, downscaled
// copies), QR codes only: one `file QRCode "text"` line per code (the
// corpus texts are printable ASCII without quotes, printed as they are).
func readZXing(path string) []string {
	out, _ := exec.Command("ZXingReader", "-format", "QRCode", "-1", path).Output()
	var texts []string
	for _, line := range strings.Split(string(out), "\n") {
		if t, ok := strings.CutPrefix(line, path+` QRCode "`); ok {
			texts = append(texts, strings.TrimSuffix(t, `"`))
		}
	}
	return texts
}

// rate reads every corpus image with each decoder and prints the find
// rate (codes read byte-exact over codes drawn) by module size.
func rate(dir string, misses bool) error {
	f, err := os.Open(filepath.Join(dir, "corpus.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	type tally struct{ codes, images int }
	found := map[string]map[string]int{} // module -> decoder -> codes
	total := map[string]*tally{}
	var mods []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 {
			return fmt.Errorf("corpus.tsv: bad line %q", sc.Text())
		}
		file, mod, want := cols[0], cols[1], cols[5:]
		if total[mod] == nil {
			total[mod] = &tally{}
			found[mod] = map[string]int{}
			mods = append(mods, mod)
		}
		total[mod].codes += len(want)
		total[mod].images++
		for _, d := range decoders {
			got := d.read(filepath.Join(dir, file))
			n := 0
			for _, w := range want {
				if slices.Contains(got, w) {
					n++
				}
			}
			found[mod][d.name] += n
			if misses && n < len(want) {
				fmt.Printf("miss\t%s\t%s\t%d of %d\n", d.name, file, n, len(want))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	slices.SortFunc(mods, func(a, b string) int {
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		return cmpFloat(x, y)
	})
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%-10s %7s %7s", "px/module", "images", "codes")
	for _, d := range decoders {
		fmt.Fprintf(&buf, " %16s", d.name)
	}
	fmt.Fprintln(&buf)
	sum := map[string]int{}
	var allCodes, allImages int
	row := func(label string, images, codes int, got map[string]int) {
		fmt.Fprintf(&buf, "%-10s %7d %7d", label, images, codes)
		for _, d := range decoders {
			fmt.Fprintf(&buf, " %9d (%3.0f%%)", got[d.name], 100*float64(got[d.name])/float64(codes))
		}
		fmt.Fprintln(&buf)
	}
	for _, m := range mods {
		row(m, total[m].images, total[m].codes, found[m])
		for k, v := range found[m] {
			sum[k] += v
		}
		allCodes += total[m].codes
		allImages += total[m].images
	}
	row("all", allImages, allCodes, sum)
	_, err = os.Stdout.Write(buf.Bytes())
	return err
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
