package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// File keeps each sealed item in its own file, DIR/ID.sealed, written
// atomically. It is for machines without a keychain (kiosks, portable
// installs); the items are the same sealed blobs the keychain would hold.
type File struct {
	dir string
}

const fileExt = ".sealed"

// NewFile returns a file store in dir (created on the first Put).
func NewFile(dir string) *File { return &File{dir: dir} }

// Kind implements Store.
func (*File) Kind() string { return "file" }

// Dir is the directory of the items.
func (f *File) Dir() string { return f.dir }

func (f *File) path(id string) string { return filepath.Join(f.dir, id+fileExt) }

// Get implements Store.
func (f *File) Get(id string) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(f.path(id))
	if err != nil {
		return nil, fileErr("cannot read item "+id, err)
	}
	return b, nil
}

// Put implements Store.
func (f *File) Put(id string, data []byte) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := checkSize(id, data); err != nil {
		return err
	}
	if err := os.MkdirAll(f.dir, 0o700); err != nil {
		return fileErr("cannot create "+f.dir, err)
	}
	return WriteAtomic(f.path(id), data, 0o600)
}

// Delete implements Store.
func (f *File) Delete(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := os.Remove(f.path(id)); err != nil {
		return fileErr("cannot remove item "+id, err)
	}
	return SyncDir(f.dir)
}

// Probe implements Store: the directory can be created.
func (f *File) Probe() error {
	if err := os.MkdirAll(f.dir, 0o700); err != nil {
		return fileErr("cannot create "+f.dir, err)
	}
	return nil
}

// Clear implements Store.
func (f *File) Clear() error {
	ents, err := os.ReadDir(f.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fileErr("cannot read "+f.dir, err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), fileExt) || strings.Contains(e.Name(), tempMark) {
			if err := os.Remove(filepath.Join(f.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fileErr("cannot remove "+e.Name(), err)
			}
		}
	}
	return SyncDir(f.dir)
}

// IDs lists the ids of the stored items (for orphan checks and tests).
func (f *File) IDs() ([]string, error) {
	ents, err := os.ReadDir(f.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileErr("cannot read "+f.dir, err)
	}
	var ids []string
	for _, e := range ents {
		if n := e.Name(); strings.HasSuffix(n, fileExt) && !strings.HasPrefix(n, ".") {
			ids = append(ids, strings.TrimSuffix(n, fileExt))
		}
	}
	return ids, nil
}
