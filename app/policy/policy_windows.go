//go:build windows

package policy

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// KeyPath is the policy key under HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER
// (Group Policy's Software\Policies, written by the ADMX template).
const KeyPath = `Software\Policies\authdesk`

// System reads this machine's policy: the values of HKLM\KeyPath, then
// those of HKCU\KeyPath that the machine does not set.
func System() (Policy, error) {
	vals := map[string]any{}
	var where []string
	var bad []error
	for _, root := range []struct {
		key  registry.Key
		name string
	}{{registry.LOCAL_MACHINE, `HKLM\`}, {registry.CURRENT_USER, `HKCU\`}} {
		n, err := readKey(root.key, vals)
		if err != nil {
			bad = append(bad, fmt.Errorf("%s%s: %w", root.name, KeyPath, err))
		}
		if n > 0 || err != nil {
			where = append(where, root.name+KeyPath)
		}
	}
	source := joinWhere(where)
	if len(bad) > 0 {
		p := Strictest()
		p.Source = source
		return p, fmt.Errorf("%w: cannot read %v; the strictest settings apply", ErrBadPolicy, errors.Join(bad...))
	}
	if len(vals) == 0 {
		return Policy{}, nil
	}
	return fromValues(vals, source)
}

// readKey adds the values of root\KeyPath that vals does not hold yet and
// returns how many the key has; a missing key is no values.
func readKey(root registry.Key, vals map[string]any) (int, error) {
	k, err := registry.OpenKey(root, KeyPath, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer k.Close()
	names, err := k.ReadValueNames(0)
	if err != nil {
		return 0, err
	}
	for _, name := range names {
		if _, ok := vals[name]; ok {
			continue // the machine's value wins
		}
		vals[name] = registryValue(k, name)
	}
	return len(names), nil
}

// registryValue is a DWORD/QWORD as uint64, a string as string, anything
// else as a value fromValues rejects (and reads strictly).
func registryValue(k registry.Key, name string) any {
	_, typ, err := k.GetValue(name, nil)
	if err != nil {
		return nil
	}
	switch typ {
	case registry.DWORD, registry.QWORD:
		if n, _, err := k.GetIntegerValue(name); err == nil {
			return n
		}
	case registry.SZ, registry.EXPAND_SZ:
		if s, _, err := k.GetStringValue(name); err == nil {
			if typ == registry.EXPAND_SZ {
				if x, err := registry.ExpandString(s); err == nil {
					s = x
				}
			}
			return s
		}
	}
	return fmt.Sprintf("registry value of type %d", typ)
}
