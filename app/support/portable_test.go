package support

import (
	"strings"
	"testing"
)

func TestPortableMode(t *testing.T) {
	if got := Collect(Sources{Portable: true}); !strings.Contains(got, "Mode:") || !strings.Contains(got, "portable") {
		t.Errorf("portable support info does not say so:\n%s", got)
	}
	if got := Collect(Sources{}); strings.Contains(got, "portable") {
		t.Errorf("installed support info says portable:\n%s", got)
	}
}
