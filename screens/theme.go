package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"authdesk/app/settings"
)

// variantTheme is the default theme with its light/dark variant fixed by
// the person's setting ("system" follows the desktop).
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
	fixed   bool
}

func newTheme(name string) fyne.Theme {
	switch name {
	case settings.ThemeLight:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight, fixed: true}
	case settings.ThemeDark:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark, fixed: true}
	}
	return &variantTheme{Theme: theme.DefaultTheme()}
}

func (t *variantTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	if n == colorNameWarning {
		return warningColor(v)
	}
	return t.Theme.Color(n, v)
}

// colorNameWarning is the colour of a code in its last seconds.
const colorNameWarning fyne.ThemeColorName = "authdeskWarning"

// warningColor is a red that keeps a contrast of at least 4.5:1 (WCAG AA)
// against the background of each variant (checked in theme_test.go).
func warningColor(v fyne.ThemeVariant) color.Color {
	if v == theme.VariantDark {
		return color.NRGBA{R: 0xff, G: 0x8a, B: 0x80, A: 0xff}
	}
	return color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff}
}
