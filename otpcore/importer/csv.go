package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// csvTable is a CSV export read whole: its header's column numbers by name
// (trimmed; lower-cased when the app's headers vary in case) and its
// records. csv's errors quote no field content, only the position.
type csvTable struct {
	col  map[string]int
	rows [][]string
}

// readCSV reads a CSV export (a UTF-8 byte-order mark allowed); fold
// lower-cases the header names.
func readCSV(data []byte, fold bool) (*csvTable, error) {
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: the CSV has no header row", ErrDamaged)
	}
	t := &csvTable{col: map[string]int{}}
	for i, h := range head {
		h = strings.TrimSpace(h)
		if fold {
			h = strings.ToLower(h)
		}
		t.col[h] = i
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: the CSV is malformed at row %d", ErrDamaged, line)
		}
		t.rows = append(t.rows, rec)
	}
}

// get is the cell of column name in rec, "" when there is none.
func (t *csvTable) get(rec []string, name string) string {
	if i, ok := t.col[name]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// otpRows are the records whose column totp is not blank (the others are
// passwords only).
func (t *csvTable) otpRows(totp string) [][]string {
	var out [][]string
	for _, rec := range t.rows {
		if strings.TrimSpace(t.get(rec, totp)) != "" {
			out = append(out, rec)
		}
	}
	return out
}
