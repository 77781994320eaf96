package painter

import (
	"testing"

	"github.com/go-text/typesetting/fontscan"
	"github.com/stretchr/testify/assert"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

func TestLookupFaces_LangFontOnlyForMissingRunes(t *testing.T) {
	faces := lookupFaces(theme.DefaultTextFont(), theme.DefaultTextFont(), theme.DefaultEmojiFont(), fontscan.SansSerif, fyne.TextStyle{})
	assert.Len(t, faces.faces, 2, "the theme and emoji fonts, no system font yet")
	assert.True(t, faces.langPending)

	assert.Same(t, faces.faces[0], faces.ResolveFace('a'))
	assert.Len(t, faces.faces, 2, "a rune of the theme font loads nothing")
	assert.True(t, faces.langPending)

	faces.ResolveFace('\u4e2d') // not in the theme or emoji fonts
	assert.False(t, faces.langPending, "the locale's font is looked up on the first missing rune")
}

func TestLookupFaces_EmojiFontParsedOnce(t *testing.T) {
	ClearFontCache()
	regular := lookupFaces(theme.DefaultTextFont(), theme.DefaultTextFont(), theme.DefaultEmojiFont(), fontscan.SansSerif, fyne.TextStyle{})
	bold := lookupFaces(theme.DefaultTextBoldFont(), theme.DefaultTextBoldFont(), theme.DefaultEmojiFont(), fontscan.SansSerif, fyne.TextStyle{Bold: true})
	e1, e2 := regular.faces[1], bold.faces[1]
	assert.NotSame(t, e1, e2, "each style has its own face")
	assert.Same(t, e1.Font, e2.Font, "over one parsed emoji font")
	assert.Same(t, e1, regular.ResolveFace('\U0001F600'))
}
