//go:build !ci && !android && !ios

package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEscapeNotificationString(t *testing.T) {
	assert.Equal(t, "normal", escapeNotificationString("normal"))
	assert.Equal(t, "isn't", escapeNotificationString("isn't"))
	assert.Equal(t, "`\"mine`\"", escapeNotificationString(`"mine"`))
	assert.Equal(t, "sla\\sh", escapeNotificationString(`sla\sh`))
	assert.Equal(t, "qu``ote", escapeNotificationString("qu`ote"))
	assert.Equal(t, "escaped ```\" string", escapeNotificationString("escaped `\" string"))
}
