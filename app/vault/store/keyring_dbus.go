//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package store

import (
	"errors"
	"strings"

	"github.com/godbus/dbus/v5"
)

// classify maps a Secret Service (D-Bus) error to a sentinel. Errors that
// are not D-Bus replies come from connecting to the session bus.
func classify(err error) error {
	var de dbus.Error
	if errors.As(err, &de) {
		return classifyName(de.Name)
	}
	var dp *dbus.Error
	if errors.As(err, &dp) {
		return classifyName(dp.Name)
	}
	if strings.Contains(err.Error(), "failed to unlock") {
		return ErrLocked // go-keyring: the unlock prompt was dismissed
	}
	return ErrNoService // no session bus, or it refused the connection
}

func classifyName(name string) error {
	switch {
	case name == "org.freedesktop.Secret.Error.IsLocked":
		return ErrLocked
	case name == "org.freedesktop.DBus.Error.AccessDenied",
		name == "org.freedesktop.DBus.Error.AuthFailed",
		name == "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired":
		return ErrAccessDenied
	case name == "org.freedesktop.DBus.Error.ServiceUnknown",
		name == "org.freedesktop.DBus.Error.NameHasNoOwner",
		name == "org.freedesktop.DBus.Error.NoServer",
		name == "org.freedesktop.DBus.Error.NoReply",
		name == "org.freedesktop.DBus.Error.Timeout",
		name == "org.freedesktop.DBus.Error.Disconnected",
		name == "org.freedesktop.Secret.Error.NoSuchObject", // no default keyring
		strings.HasPrefix(name, "org.freedesktop.DBus.Error.Spawn"):
		return ErrNoService
	}
	return ErrFailed
}
