package scan

import (
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"net/url"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"authdesk/otpcore"
	"authdesk/otpcore/migrationpb"
	"authdesk/otpcore/qr/qrtest"
)

// exportPart is one code of a Google Authenticator export split in parts.
func exportPart(t *testing.T, index, size int32, names ...string) string {
	t.Helper()
	p := &migrationpb.MigrationPayload{Version: 1, BatchSize: size, BatchIndex: index, BatchId: 77}
	for i, n := range names {
		p.OtpParameters = append(p.OtpParameters, &migrationpb.MigrationPayload_OtpParameters{
			Secret: []byte{0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, byte(i)},
			Name:   n, Issuer: "Bank",
			Algorithm: migrationpb.MigrationPayload_ALGORITHM_SHA1,
			Digits:    migrationpb.MigrationPayload_DIGIT_COUNT_SIX,
			Type:      migrationpb.MigrationPayload_OTP_TYPE_TOTP,
		})
	}
	raw, err := proto.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return "otpauth-migration://offline?data=" + url.QueryEscape(base64.StdEncoding.EncodeToString(raw))
}

// A Google export spread over two codes, both on one screen (part 2 drawn
// higher up): both are read, in reading order, and as no part is missing
// no hint asks for the others.
func TestSplitExportOnOneScreen(t *testing.T) {
	one := exportPart(t, 0, 2, "ann", "bob")
	two := exportPart(t, 1, 2, "cid")
	img, _, err := qrtest.Scene(1920, 1080, 11,
		qrtest.Code{Text: two, Module: 3, At: image.Pt(1200, 100)},
		qrtest.Code{Text: one, Module: 3, At: image.Pt(200, 500)},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2/2 Bank: cid: ", "1/2 Bank: ann,Bank: bob: "}
	if got := parts(Image(img, Source{Screen: 1})); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// Part 1 alone asks for the rest.
	img, _, err = qrtest.Scene(800, 600, 11, qrtest.Code{Text: one, Module: 3, At: image.Pt(100, 100)})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"1/2 Bank: ann,Bank: bob: part 1 of 2 of a Google Authenticator export: scan the other parts too"}
	if got := parts(Image(img, Source{Screen: 1})); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func parts(found []Found) []string {
	var out []string
	for _, f := range found {
		var names []string
		for _, a := range f.Accounts {
			names = append(names, a.DisplayName())
		}
		if f.Kind != otpcore.KindMigration {
			names = append(names, "kind "+f.Kind.String())
		}
		out = append(out, fmt.Sprintf("%d/%d %s: %s", f.Part, f.Parts, strings.Join(names, ","), f.Hint))
	}
	return out
}

// Codes that look like keys but cannot be read say why, without the key.
func TestImageMalformed(t *testing.T) {
	badKey := "otpauth://totp/Bank:ann?secret=JBSWY3DPEHPK3PX1&issuer=Bank"
	cut := "otpauth-migration://offline?data=CjMKCkhlbGxvId6tvu8SGFRlc3Qx"
	img, _, err := qrtest.Scene(1200, 600, 3,
		qrtest.Code{Text: badKey, Module: 3, At: image.Pt(50, 50)},
		qrtest.Code{Text: cut, Module: 3, At: image.Pt(600, 50)},
	)
	if err != nil {
		t.Fatal(err)
	}
	found := Image(img, Source{File: "portal.png"})
	if len(found) != 2 {
		t.Fatalf("found %d codes, want 2", len(found))
	}
	want := []struct {
		kind otpcore.Kind
		err  error
		hint string
	}{
		{otpcore.KindOTPAuth, otpcore.ErrSecret, "this QR code is an authenticator link that cannot be read (bad secret key"},
		{otpcore.KindMigration, otpcore.ErrMigration, "this QR code is a Google Authenticator export that cannot be read (bad Google Authenticator export"},
	}
	for i, w := range want {
		f := found[i]
		if f.Kind != w.kind || !errors.Is(f.Err, w.err) || len(f.Accounts) != 0 {
			t.Errorf("code %d: kind %v, error %v, %d accounts", i, f.Kind, f.Err, len(f.Accounts))
		}
		if !strings.HasPrefix(f.Hint, w.hint) || !strings.HasSuffix(f.Hint, "; ask the portal for a new code") {
			t.Errorf("code %d: hint %q", i, f.Hint)
		}
		if strings.Contains(f.Hint, "JBSWY3DP") || strings.Contains(f.Hint, "CjMKCkhl") {
			t.Errorf("code %d: the hint quotes the key: %q", i, f.Hint)
		}
	}
}
