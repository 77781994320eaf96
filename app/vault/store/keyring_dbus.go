//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/godbus/dbus/v5"
	ss "github.com/zalando/go-keyring/secret_service"
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

// Secret Service names used by GetMany.
const (
	ssName      = "org.freedesktop.secrets"
	ssPath      = "/org/freedesktop/secrets"
	ssService   = "org.freedesktop.Secret.Service"
	ssItemAttrs = "org.freedesktop.Secret.Item.Attributes"
)

// getMany reads many items in a few Secret Service calls: one search for
// the vault's service, one GetSecrets for all the items found, and one
// light attribute read per item to learn its id. go-keyring's Get makes
// seven calls per item, which costs about 3 ms each.
func (k *Keyring) getMany(ids []string) ([][]byte, []error) {
	out, errs := make([][]byte, len(ids)), make([]error, len(ids))
	fail := func(err error) ([][]byte, []error) {
		err = keyringErr("cannot read the items", err)
		for i := range errs {
			errs[i] = err
		}
		return nil, errs
	}
	var byID map[string][]byte
	err := k.call(func() error {
		svc, err := ss.NewSecretService()
		if err != nil {
			return err
		}
		session, err := svc.OpenSession()
		if err != nil {
			return err
		}
		defer svc.Close(session)
		coll := svc.GetLoginCollection()
		if err := svc.Unlock(coll.Path()); err != nil {
			return err
		}
		paths, err := svc.SearchItems(coll, map[string]string{"service": k.service})
		if err != nil || len(paths) == 0 {
			return err
		}
		var secrets map[dbus.ObjectPath]ss.Secret
		err = svc.Object(ssName, ssPath).Call(ssService+".GetSecrets", 0, paths, session.Path()).Store(&secrets)
		if err != nil {
			return err
		}
		byID = make(map[string][]byte, len(paths))
		users := make([]string, len(paths))
		attrErrs := make([]error, len(paths))
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(paths); i += 4 {
					v, err := svc.Object(ssName, paths[i]).GetProperty(ssItemAttrs)
					if err != nil {
						attrErrs[i] = err
						continue
					}
					attrs, _ := v.Value().(map[string]string)
					users[i] = attrs["username"]
				}
			}(w)
		}
		wg.Wait()
		for i, p := range paths {
			if attrErrs[i] != nil {
				return attrErrs[i]
			}
			if s, ok := secrets[p]; ok && users[i] != "" {
				byID[users[i]] = s.Value
			}
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	for i, id := range ids {
		text, ok := byID[id]
		if !ok {
			errs[i] = fmt.Errorf("%w: cannot read item %s", ErrNotFound, id)
			continue
		}
		out[i], errs[i] = Decode(string(text))
	}
	return out, errs
}
