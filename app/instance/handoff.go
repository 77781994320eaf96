package instance

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// LinkFlag is the one argument of a GUI started by Relaunch: the link comes
// on its standard input, never in its arguments.
const LinkFlag = "--link-on-stdin"

// Relaunch starts this executable again as the GUI, with LinkFlag as its
// only argument and link written to its standard input, and returns without
// waiting for it: the caller (started by the desktop with the link in its
// arguments) exits at once.
func Relaunch(link []byte) error {
	if len(link) > MaxPayload {
		return fmt.Errorf("%w: a link of %d bytes (at most %d)", ErrTooLarge, len(link), MaxPayload)
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find the authdesk program to start: %w", err)
	}
	cmd := exec.Command(exe, LinkFlag)
	in, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("cannot start authdesk: %w", err)
	}
	// No stdout or stderr of ours: the new window outlives this process,
	// and a pipe it kept open would hold up whoever reads ours.
	cmd.Stdout, cmd.Stderr = nil, nil
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start authdesk: %w", err)
	}
	// A pipe holds 64 KiB or more on every system: the write does not wait
	// for the new process to read.
	_, werr := in.Write(link)
	cerr := in.Close()
	_ = cmd.Process.Release()
	if werr != nil || cerr != nil {
		return fmt.Errorf("cannot pass the link to the new authdesk window (%v); click the link again", firstErr(werr, cerr))
	}
	return nil
}

// ReadLink reads the link a Relaunch wrote to r (standard input), at most
// MaxPayload bytes, without the line end a person typing it would add.
func ReadLink(r io.Reader) ([]byte, error) {
	buf := make([]byte, MaxPayload+1)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		wipe(buf)
		return nil, fmt.Errorf("cannot read the link: %w", err)
	}
	if n > MaxPayload {
		wipe(buf)
		return nil, fmt.Errorf("%w: a link over %d bytes", ErrTooLarge, MaxPayload)
	}
	link := bytes.TrimSpace(buf[:n])
	out := bytes.Clone(link)
	wipe(buf)
	return out, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
