package otpcore

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

type vectorFile struct {
	HOTP struct {
		Digits int `json:"digits"`
		Key    struct {
			Hex    string `json:"hex"`
			Base32 string `json:"base32"`
		} `json:"key"`
		Vectors []struct {
			Counter      uint64 `json:"counter"`
			TruncatedDec uint32 `json:"truncated_decimal"`
			HOTP         string `json:"hotp"`
		} `json:"vectors"`
	} `json:"rfc4226_hotp"`
	TOTP struct {
		Period int `json:"period"`
		Digits int `json:"digits"`
		Keys   map[string]struct {
			Hex    string `json:"hex"`
			Base32 string `json:"base32"`
		} `json:"keys"`
		Vectors []struct {
			Time int64  `json:"time"`
			Mode string `json:"mode"`
			TOTP string `json:"totp"`
		} `json:"vectors"`
	} `json:"rfc6238_totp"`
	Extra struct {
		Vectors []struct {
			Description string `json:"description"`
			Secret      string `json:"secret_base32"`
			Algorithm   string `json:"algorithm"`
			Digits      int    `json:"digits"`
			Type        string `json:"type"`
			Counter     uint64 `json:"counter"`
			Time        int64  `json:"time"`
			Period      int    `json:"period"`
			Encoder     string `json:"encoder"`
			Expected    string `json:"expected"`
		} `json:"vectors"`
	} `json:"extra_vectors"`
}

func loadVectors(t testing.TB) vectorFile {
	t.Helper()
	raw, err := os.ReadFile("testdata/otp_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// RFC 4226 Appendix D: the truncated values and the 6-digit codes, and the
// same codes through pquerna/otp as an independent implementation.
func TestHOTPRFC4226(t *testing.T) {
	v := loadVectors(t)
	key, _ := hex.DecodeString(v.HOTP.Key.Hex)
	b32, err := DecodeBase32(v.HOTP.Key.Base32)
	if err != nil || !b32.Equal(key) {
		t.Fatalf("base32 key does not decode to the hex key: %v", err)
	}
	if len(v.HOTP.Vectors) != 10 {
		t.Fatalf("want 10 RFC 4226 vectors, got %d", len(v.HOTP.Vectors))
	}
	for _, vec := range v.HOTP.Vectors {
		if got := truncate(key, vec.Counter, SHA1); got != vec.TruncatedDec {
			t.Errorf("counter %d: truncated %d, want %d", vec.Counter, got, vec.TruncatedDec)
		}
		if got := HOTPCode(key, vec.Counter, v.HOTP.Digits, SHA1); got != vec.HOTP {
			t.Errorf("counter %d: code %s, want %s", vec.Counter, got, vec.HOTP)
		}
		acc := NewAccount(HOTP, "rfc", "", b32)
		acc.Counter = vec.Counter
		if got, _ := acc.Code(time.Time{}); got != vec.HOTP {
			t.Errorf("Account.Code counter %d: %s, want %s", vec.Counter, got, vec.HOTP)
		}
		ref, err := hotp.GenerateCodeCustom(v.HOTP.Key.Base32, vec.Counter, hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil || ref != vec.HOTP {
			t.Errorf("pquerna/otp disagrees at counter %d: %s %v", vec.Counter, ref, err)
		}
	}
}

// RFC 6238 Appendix B: 18 rows, SHA1/256/512, 8 digits, T0=0, X=30.
func TestTOTPRFC6238(t *testing.T) {
	v := loadVectors(t)
	if len(v.TOTP.Vectors) != 18 {
		t.Fatalf("want 18 RFC 6238 vectors, got %d", len(v.TOTP.Vectors))
	}
	for _, vec := range v.TOTP.Vectors {
		alg, err := ParseAlgorithm(vec.Mode)
		if err != nil {
			t.Fatal(err)
		}
		sec, err := DecodeBase32(v.TOTP.Keys[vec.Mode].Base32)
		if err != nil {
			t.Fatal(err)
		}
		acc := NewAccount(TOTP, "rfc", "", sec)
		acc.Algorithm, acc.Digits, acc.Period = alg, v.TOTP.Digits, v.TOTP.Period
		got, err := acc.Code(time.Unix(vec.Time, 0))
		if err != nil || got != vec.TOTP {
			t.Errorf("%s at %d: %s %v, want %s", vec.Mode, vec.Time, got, err, vec.TOTP)
		}
		palg := map[Algorithm]otp.Algorithm{SHA1: otp.AlgorithmSHA1, SHA256: otp.AlgorithmSHA256, SHA512: otp.AlgorithmSHA512}[alg]
		ref, err := hotp.GenerateCodeCustom(v.TOTP.Keys[vec.Mode].Base32, uint64(vec.Time)/30, hotp.ValidateOpts{Digits: otp.DigitsEight, Algorithm: palg})
		if err != nil || ref != vec.TOTP {
			t.Errorf("pquerna/otp disagrees %s at %d: %s %v", vec.Mode, vec.Time, ref, err)
		}
	}
}

// Extra vectors: unpadded and lower-case keys, 6-digit truncation with a
// leading zero, Steam Guard codes recorded from the real Steam app.
func TestExtraVectors(t *testing.T) {
	for _, vec := range loadVectors(t).Extra.Vectors {
		t.Run(vec.Description, func(t *testing.T) {
			sec, err := DecodeBase32(vec.Secret)
			if err != nil {
				t.Fatal(err)
			}
			typ, _ := ParseType(vec.Type)
			if vec.Encoder == "steam" {
				typ = Steam
			}
			acc := NewAccount(typ, "x", "", sec)
			acc.Algorithm, _ = ParseAlgorithm(vec.Algorithm)
			acc.Digits, acc.Counter = vec.Digits, vec.Counter
			if vec.Period != 0 {
				acc.Period = vec.Period
			}
			got, err := acc.Code(time.Unix(vec.Time, 0))
			if err != nil || got != vec.Expected {
				t.Fatalf("code %q %v, want %q", got, err, vec.Expected)
			}
		})
	}
}

func TestNextPreviousRemaining(t *testing.T) {
	sec, _ := DecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
	acc := NewAccount(TOTP, "x", "", sec)
	at := time.Unix(1111111109, 0) // step 37037036, 29 s into it... 1111111109 % 30 = 29
	cur, _ := acc.Code(at)
	next, _ := acc.NextCode(at)
	prev, _ := acc.PreviousCode(at)
	if want, _ := acc.Code(at.Add(30 * time.Second)); next != want {
		t.Errorf("next %s, want %s", next, want)
	}
	if want, _ := acc.Code(at.Add(-30 * time.Second)); prev != want {
		t.Errorf("previous %s, want %s", prev, want)
	}
	if cur != "081804" {
		t.Errorf("current %s, want 081804 (RFC 6238, 6-digit truncation)", cur)
	}
	tests := []struct {
		at   time.Time
		want time.Duration
	}{
		{time.Unix(1111111109, 0), time.Second},
		{time.Unix(1111111110, 0), 30 * time.Second},
		{time.Unix(1111111110, 250e6), 29750 * time.Millisecond},
	}
	for _, tc := range tests {
		if got := acc.Remaining(tc.at); got != tc.want {
			t.Errorf("Remaining(%v) = %v, want %v", tc.at.Unix(), got, tc.want)
		}
	}
	h := NewAccount(HOTP, "h", "", sec)
	h.Counter = 3
	n, _ := h.NextCode(time.Time{})
	if n != HOTPCode(sec, 4, 6, SHA1) {
		t.Errorf("HOTP next code is not counter+1's")
	}
	if _, err := acc.Code(time.Unix(-5, 0)); err == nil {
		t.Error("a time before 1970 must be refused")
	}
}

func TestDigits9And10(t *testing.T) {
	key := []byte("12345678901234567890")
	// truncated value at counter 0 is 1284755224 (RFC 4226 App. D)
	tests := map[int]string{6: "755224", 8: "84755224", 9: "284755224", 10: "1284755224"}
	for d, want := range tests {
		if got := HOTPCode(key, 0, d, SHA1); got != want {
			t.Errorf("%d digits: %s, want %s", d, got, want)
		}
	}
}

func TestGroupCode(t *testing.T) {
	tests := map[string]string{
		"123456": "123 456", "12345678": "1234 5678", "123456789": "123 456 789",
		"1234567": "123 4567", "1234567890": "123 456 7890", "FR8RV": "FR8RV",
	}
	for in, want := range tests {
		if got := GroupCode(in); got != want {
			t.Errorf("GroupCode(%s) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkTOTPSHA1(b *testing.B) {
	sec, _ := DecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
	acc := NewAccount(TOTP, "x", "", sec)
	at := time.Unix(1234567890, 0)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = acc.Code(at)
	}
}

func BenchmarkTOTPSHA512(b *testing.B) {
	sec := Secret([]byte("1234567890123456789012345678901234567890123456789012345678901234"))
	acc := NewAccount(TOTP, "x", "", sec)
	acc.Algorithm = SHA512
	at := time.Unix(1234567890, 0)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = acc.Code(at)
	}
}

// BenchmarkPquernaTOTP is the same code through pquerna/otp, for comparison.
func BenchmarkPquernaTOTP(b *testing.B) {
	for b.Loop() {
		_, _ = hotp.GenerateCodeCustom("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1234567890/30, hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	}
}
