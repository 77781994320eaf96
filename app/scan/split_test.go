package scan

import (
	"encoding/base64"
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
