package store

import (
	"fmt"
	"sort"
	"sync"
)

// Memory is an in-memory Store for tests and fakes. Fail, when set, is
// called before every operation ("get", "put", "delete", "probe", "clear")
// and its error is returned instead of doing it: it injects keychain
// trouble.
type Memory struct {
	mu    sync.Mutex
	items map[string][]byte
	Fail  func(op, id string) error
}

// NewMemory returns an empty memory store.
func NewMemory() *Memory { return &Memory{items: map[string][]byte{}} }

// Kind implements Store.
func (*Memory) Kind() string { return "memory" }

func (m *Memory) fail(op, id string) error {
	if m.Fail != nil {
		return m.Fail(op, id)
	}
	return nil
}

// Get implements Store.
func (m *Memory) Get(id string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail("get", id); err != nil {
		return nil, err
	}
	b, ok := m.items[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	return append([]byte(nil), b...), nil
}

// Put implements Store.
func (m *Memory) Put(id string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := checkID(id); err != nil {
		return err
	}
	if err := checkSize(id, data); err != nil {
		return err
	}
	if err := m.fail("put", id); err != nil {
		return err
	}
	m.items[id] = append([]byte(nil), data...)
	return nil
}

// Delete implements Store.
func (m *Memory) Delete(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail("delete", id); err != nil {
		return err
	}
	if _, ok := m.items[id]; !ok {
		return fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	delete(m.items, id)
	return nil
}

// Probe implements Store.
func (m *Memory) Probe() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fail("probe", "")
}

// Clear implements Store.
func (m *Memory) Clear() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail("clear", ""); err != nil {
		return err
	}
	m.items = map[string][]byte{}
	return nil
}

// IDs lists the stored ids, sorted (for tests).
func (m *Memory) IDs() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]string, 0, len(m.items))
	for id := range m.items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Raw returns a copy of an item as stored, or nil (for tests).
func (m *Memory) Raw(id string) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]byte(nil), m.items[id]...)
}

// Corrupt flips a bit of an item (for tests of damaged items).
func (m *Memory) Corrupt(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if b := m.items[id]; len(b) > 0 {
		b[len(b)-1] ^= 1
	}
}
