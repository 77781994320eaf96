package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"authdesk/otpcore"
)

const codeUsage = `Usage: authdesk code [--at TIME] -

Print the current code of the otpauth:// link read from standard input ('-'),
and nothing else:  authdesk code - < link.txt
A link given instead of '-' works too, but while the command runs any local
user can read it (and its key) in the process list, so it prints a warning.

Options:
  --at TIME   the time of the code: Unix seconds (1700000000) or RFC 3339
              (2026-11-22T14:00:00Z); default now. HOTP links use their counter.

Exit status: 0 printed, 2 bad link or time (one line on stderr says what is wrong).
`

func codeCommand() Command {
	c := Command{Name: "code", Synopsis: "print the code of an otpauth:// link", Usage: codeUsage}
	c.Run = func(env *Env, args []string) int { return runCode(env, c, args) }
	return c
}

// errUsage marks a command-line mistake (exit 2).
var errUsage = errors.New("usage")

func runCode(env *Env, c Command, args []string) int {
	fs := newFlags(c.Name)
	at := fs.String("at", "", "time of the code")
	if code, ok := parseFlags(env, c, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("give '-' and the otpauth:// link on standard input; run 'authdesk help code'"))
	}
	t := env.Now()
	if *at != "" {
		var err error
		if t, err = ParseTime(*at); err != nil {
			return env.Fail(ExitBadInput, c.Name, err)
		}
	}
	uri, fromArgs := fs.Arg(0), fs.Arg(0) != "-"
	if !fromArgs {
		var err error
		if uri, err = readLine(env.Stdin); err != nil {
			return env.Fail(ExitBadInput, c.Name, err)
		}
	}
	acc, err := otpcore.ParseURI(uri)
	if err != nil {
		return env.Fail(ExitBadInput, c.Name, err)
	}
	defer acc.Wipe()
	code, err := acc.Code(t)
	if err != nil {
		return env.Fail(ExitBadInput, c.Name, err)
	}
	if fromArgs {
		warnArgvLink(env, c.Name)
	}
	fmt.Fprintln(env.Stdout, code)
	return ExitOK
}

// ParseTime reads Unix seconds (optionally fractional) or an RFC 3339 time.
func ParseTime(s string) (time.Time, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "eEnN") {
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%w: --at is neither Unix seconds (1700000000) nor RFC 3339 (2026-11-22T14:00:00Z)", errUsage)
}

// readLine reads the first non-empty line of r (at most 64 KiB).
func readLine(r io.Reader) (string, error) {
	sc := bufio.NewScanner(io.LimitReader(r, 1<<16))
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			return line, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("cannot read standard input: %w", err)
	}
	return "", fmt.Errorf("%w: standard input is empty; pipe an otpauth:// link into it", errUsage)
}
