package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// errNoTerminal: a password is needed, no --password-file was given and
// standard input is not a terminal to ask on.
var errNoTerminal = errors.New("no terminal to ask for the password")

// errMismatch: the two typed passwords differ.
var errMismatch = errors.New("the two passwords differ")

// maxPasswordLine bounds what a password line may be.
const maxPasswordLine = 4096

// passwords reads passwords for one vault command: from --password-file
// style paths (a file's first line, or '-' for the next line of standard
// input) or, without a path, from the terminal without echo. Standard input
// is read through one buffer so that a password line and an otpauth line
// can follow each other on it.
type passwords struct {
	env   *Env
	stdin *bufio.Reader
}

func newPasswords(env *Env) *passwords {
	return &passwords{env: env, stdin: bufio.NewReaderSize(env.Stdin, 4096)}
}

// read returns one password from path ("" asks on the terminal with prompt).
// The caller wipes the result.
func (p *passwords) read(path, prompt string) ([]byte, error) {
	switch path {
	case "":
		return p.prompt(prompt)
	case "-":
		return readSecretLine(p.stdin, "standard input", "password")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot read the password file: %v", errUsage, err)
	}
	defer f.Close()
	return readSecretLine(bufio.NewReaderSize(f, 512), path, "password")
}

// readNew returns a new password: from path, or typed twice on the terminal.
func (p *passwords) readNew(path, prompt string) ([]byte, error) {
	pw, err := p.read(path, prompt)
	if err != nil || path != "" {
		return pw, err
	}
	again, err := p.prompt("Type it again: ")
	if err != nil {
		wipe(pw)
		return nil, err
	}
	defer wipe(again)
	if !bytes.Equal(pw, again) {
		wipe(pw)
		return nil, fmt.Errorf("%w; nothing was changed", errMismatch)
	}
	return pw, nil
}

// prompt asks on the terminal without echo.
func (p *passwords) prompt(prompt string) ([]byte, error) {
	f, ok := p.env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, fmt.Errorf("%w: give --password-file FILE, or --password-file - to read it from standard input", errNoTerminal)
	}
	fmt.Fprint(p.env.Stderr, prompt)
	pw, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(p.env.Stderr)
	if err != nil {
		return nil, fmt.Errorf("cannot read the password from the terminal: %w", err)
	}
	if len(pw) == 0 {
		return nil, fmt.Errorf("%w: the password is empty", errUsage)
	}
	return pw, nil
}

// line reads the next non-empty line of standard input as text (the
// otpauth link of 'add -').
func (p *passwords) line() (string, error) {
	b, err := readSecretLine(p.stdin, "standard input", "otpauth:// link")
	if err != nil {
		return "", err
	}
	defer wipe(b)
	return string(bytes.TrimSpace(b)), nil
}

// readSecretLine reads one line without its line ending. The line is kept
// as typed (spaces included); an empty line is an error.
func readSecretLine(r *bufio.Reader, from, what string) ([]byte, error) {
	var out []byte
	for {
		chunk, err := r.ReadSlice('\n')
		out = append(out, chunk...)
		wipe(chunk)
		if len(out) > maxPasswordLine {
			wipe(out)
			return nil, fmt.Errorf("%w: the first line of %s is longer than %d bytes", errUsage, from, maxPasswordLine)
		}
		if err == nil || errors.Is(err, io.EOF) {
			break
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			wipe(out)
			return nil, fmt.Errorf("cannot read %s: %w", from, err)
		}
	}
	line := bytes.TrimSuffix(bytes.TrimSuffix(out, []byte("\n")), []byte("\r"))
	if len(line) == 0 {
		wipe(out)
		return nil, fmt.Errorf("%w: %s has no %s line", errUsage, from, what)
	}
	pw := append([]byte(nil), line...)
	wipe(out)
	return pw, nil
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
