package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// tempMark is in the name of every temporary file WriteAtomic makes.
const tempMark = ".tmp-"

// WriteAtomic replaces path with data so that a crash at any instant leaves
// either the old file or the new one, never a mix: it writes a temporary
// file in the same directory, syncs it, renames it over path and syncs the
// directory.
func WriteAtomic(path string, data []byte, perm os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+tempMark+"*")
	if err != nil {
		return fileErr("cannot create a file in "+dir, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return fileErr("cannot set the permissions of "+tmp, err)
	}
	if _, err := f.Write(data); err != nil {
		return fileErr("cannot write "+tmp, err)
	}
	if err := f.Sync(); err != nil {
		return fileErr("cannot flush "+tmp+" to disk", err)
	}
	if err := f.Close(); err != nil {
		return fileErr("cannot write "+tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fileErr("cannot replace "+path, err)
	}
	ok = true
	return SyncDir(dir)
}

// SyncDir flushes a directory's entries (a rename, a removal) to disk.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be opened for sync there; renames are durable
	}
	d, err := os.Open(dir)
	if err != nil {
		return fileErr("cannot open "+dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fileErr("cannot flush "+dir+" to disk", err)
	}
	return nil
}

// RemoveTemps removes the temporary files that an interrupted WriteAtomic
// left in dir.
func RemoveTemps(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fileErr("cannot read "+dir, err)
	}
	removed := false
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), tempMark) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fileErr("cannot remove a temporary file in "+dir, err)
			}
			removed = true
		}
	}
	if removed {
		return SyncDir(dir)
	}
	return nil
}

// fileErr classifies a file-system error: permission problems are
// ErrAccessDenied, the rest ErrFailed. The *PathError is kept as detail
// text (%v), not wrapped.
func fileErr(what string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%w: %s: %v", ErrAccessDenied, what, err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s: %v", ErrNotFound, what, err)
	}
	return fmt.Errorf("%w: %s: %v", ErrFailed, what, err)
}
