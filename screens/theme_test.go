package screens

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"authdesk/app/settings"
)

// relativeLuminance is WCAG 2.x's relative luminance of an sRGB colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// The warning colour of a code in its last seconds keeps a contrast of at
// least 4.5:1 (WCAG AA for text) on the background, and so do the text
// colours, in both themes.
func TestContrastInBothThemes(t *testing.T) {
	for _, name := range []string{settings.ThemeLight, settings.ThemeDark} {
		th := newTheme(name)
		var v fyne.ThemeVariant // ignored: the theme is fixed
		bg := th.Color(theme.ColorNameBackground, v)
		for _, fg := range []fyne.ThemeColorName{colorNameWarning, theme.ColorNameForeground} {
			if c := contrast(th.Color(fg, v), bg); c < 4.5 {
				t.Errorf("%s theme: %s on the background has a contrast of %.2f:1, under 4.5:1", name, fg, c)
			} else {
				t.Logf("%s theme: %s %.2f:1", name, fg, c)
			}
		}
	}
}
