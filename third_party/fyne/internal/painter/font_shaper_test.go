package painter

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"fyne.io/fyne/v2"
)

func TestTakeShaper_SharedThenNewWhileHeld(t *testing.T) {
	s1, seg1, done1 := takeShaper()
	assert.Same(t, &sharedShaper.shaper, s1, "the shared shaper when free")
	assert.Same(t, &sharedShaper.segmenter, seg1)
	s2, seg2, done2 := takeShaper()
	assert.NotSame(t, s1, s2, "a new shaper while the shared one is held")
	assert.NotSame(t, seg1, seg2)
	done2()
	done1()
	s3, _, done3 := takeShaper()
	defer done3()
	assert.Same(t, s1, s3, "given back")
}

// The shared shaper measures as a new one would, also from several goroutines at once.
func TestMeasureString_SharedShaperSameWidths(t *testing.T) {
	faces := CachedFontFace(fyne.TextStyle{Bold: true}, nil, nil)
	texts := []string{"123 456", "next 654 321", "Hello\tworld!", "Missing: स", "9 s"}
	want := make([]fyne.Size, len(texts))
	for i, s := range texts {
		sharedShaper.Lock() // every string through new shapers, as before the change
		want[i], _ = MeasureString(faces.Fonts, s, 24, fyne.TextStyle{Bold: true})
		sharedShaper.Unlock()
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				for i, s := range texts {
					got, _ := MeasureString(faces.Fonts, s, 24, fyne.TextStyle{Bold: true})
					assert.Equal(t, want[i], got, s)
				}
			}
		}()
	}
	wg.Wait()
}
