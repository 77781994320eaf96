package importer

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// A hostile Aegis file with 100 password slots of Aegis's own cost (about
// 0.1 s of scrypt each) is refused before any derivation.
func TestAegisManySlotsRefusedAtOnce(t *testing.T) {
	slot := `{"type":1,"uuid":"u","key":"00","key_params":{"nonce":"000000000000000000000000","tag":"00000000000000000000000000000000"},"n":32768,"r":8,"p":1,"salt":"00","repaired":true}`
	slots := strings.TrimSuffix(strings.Repeat(slot+",", 100), ",")
	data := []byte(`{"version":1,"header":{"slots":[` + slots + `],"params":{"nonce":"000000000000000000000000","tag":"00000000000000000000000000000000"}},"db":"AAAA"}`)
	start := time.Now()
	_, err := Import(data, Auto, []byte("pw"))
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "100 password slots") {
		t.Fatalf("100 slots: %v, want ErrDamaged naming the slots", err)
	}
	// 100 derivations would take 10 s or more; the refusal does none. (Not a
	// timing assertion of speed, a proof that no derivation ran: one alone
	// takes longer than this.)
	if d := time.Since(start); d > time.Second {
		t.Fatalf("the refusal took %v: derivations ran before it", d)
	}
	// A real export (one slot of the same cost) is within the bound.
	if err := checkAegisWork(mustSlots(t, `[`+slot+`]`), []byte("pw")); err != nil {
		t.Fatalf("one default slot: %v", err)
	}
}

func mustSlots(t *testing.T, js string) []aegisSlot {
	t.Helper()
	var s []aegisSlot
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatal(err)
	}
	return s
}
