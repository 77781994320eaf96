//go:build !windows

package clipboard

import "testing"

// The app's clipboard gets the text, once, whatever the platform adds.
func TestSetSecretGivesTheAppTheText(t *testing.T) {
	r := &recorder{}
	System{r}.SetSecret("287082")
	if len(r.got) != 1 || r.got[0] != "287082" {
		t.Fatalf("the app's clipboard got %q", r.got)
	}
}
