package scan

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strconv"

	"authdesk/otpcore"
	"authdesk/otpcore/qr"
)

// Source says where a code was found.
type Source struct {
	File   string // the image file, or "" for a screen
	Screen int    // the screen's number, from 1, or 0 for a file
}

// String is "screen 2" or the file name.
func (s Source) String() string {
	if s.File != "" {
		return s.File
	}
	if s.Screen > 0 {
		return "screen " + strconv.Itoa(s.Screen)
	}
	return "image"
}

// Found is one QR code with what it holds. Text and Accounts carry
// secrets: show them, never log them.
type Found struct {
	// Text is the decoded content, byte for byte.
	Text string
	// Kind is what Text is: an otpauth link, a Google export, a web link,
	// plain text.
	Kind otpcore.Kind
	// Accounts are the keys the code holds (one for an otpauth link, all of
	// a Google export); nil when it holds none.
	Accounts []otpcore.Account
	// Err says why the code gives no account (ErrNotOTP for a web link or
	// text, the parse error of a malformed link); it quotes no secret.
	Err error
	// Hint is a sentence for a person: why nothing can be added from this
	// code and what to do, or which part of a split export this is.
	Hint string
	// Part and Parts number a Google export split over several codes
	// (Part from 1); both 0 otherwise. Batch identifies the export.
	Part, Parts int
	Batch       int32
	// Source is the screen or file of the code.
	Source Source
	// Bounds is the code's rectangle: in the virtual desktop for a screen
	// (the first screen's top-left at 0,0), in the image for a file.
	Bounds image.Rectangle
}

// Wipe zeroes the secrets of every account.
func (f *Found) Wipe() {
	for i := range f.Accounts {
		f.Accounts[i].Wipe()
	}
}

// classify turns a decoded code into a Found.
func classify(c qr.Code, src Source) Found {
	f := Found{Text: c.Text, Source: src, Bounds: c.Bounds}
	f.Accounts, f.Kind, f.Err = otpcore.ParsePayload(c.Text)
	switch {
	case errors.Is(f.Err, otpcore.ErrNotOTP):
		f.Hint = f.Kind.Hint()
	case f.Err != nil:
		f.Hint = fmt.Sprintf("this QR code is %s that cannot be read (%v); ask the portal for a new code", kindName(f.Kind), f.Err)
	case f.Kind == otpcore.KindMigration:
		if b, err := otpcore.ParseMigration(c.Text); err == nil {
			f.Part, f.Parts, f.Batch = int(b.BatchIndex)+1, int(b.BatchSize), b.BatchID
			for i := range b.Accounts {
				b.Accounts[i].Wipe()
			}
			if f.Parts > 1 {
				f.Hint = fmt.Sprintf("part %d of %d of a Google Authenticator export: scan the other parts too", f.Part, f.Parts)
			}
		}
	}
	return f
}

func kindName(k otpcore.Kind) string {
	if k == otpcore.KindMigration {
		return "a Google Authenticator export"
	}
	return "an authenticator link"
}

// JoinParts drops the "scan the other parts too" hint of the parts of a
// split Google export when every part of it is in found (one scan of
// several screens, or several files).
func JoinParts(found []Found) {
	seen := map[int32]map[int]bool{}
	for _, f := range found {
		if f.Parts > 1 && f.Err == nil {
			if seen[f.Batch] == nil {
				seen[f.Batch] = map[int]bool{}
			}
			seen[f.Batch][f.Part] = true
		}
	}
	for i, f := range found {
		if f.Parts > 1 && f.Err == nil && len(seen[f.Batch]) == f.Parts {
			found[i].Hint = ""
		}
	}
}

// decodeImage decodes img and classifies each code found; an error only
// when ctx is done.
func decodeImage(ctx context.Context, img image.Image, src Source, offset image.Point) ([]Found, error) {
	codes, err := qr.DecodeContext(ctx, img)
	if err != nil {
		return nil, err
	}
	var out []Found
	for _, c := range codes {
		c.Bounds = c.Bounds.Add(offset)
		out = append(out, classify(c, src))
	}
	return out, nil
}

// Image decodes every QR code of an image already in memory (a pasted
// picture); src names it in the results.
func Image(img image.Image, src Source) []Found {
	found, _ := decodeImage(context.Background(), img, src, image.Point{})
	JoinParts(found)
	return found
}
