package cli

import (
	"context"
	"fmt"
	"time"

	"authdesk/app/clock"
)

const clockUsage = `Usage: authdesk clock [--server HOST[:PORT]] [--https URL]

Print this computer's clock offset from a time server, as "offset +N.NNN s"
(what to add to this clock to get the server's time). Codes fail when the
clock is off by more than about 10 s: most "wrong code" calls are this.

Options:
  --server HOST[:PORT]  the NTP server (default pool.ntp.org, port 123)
  --https URL           where NTP is blocked: compare with the Date header of
                        this HTTPS server instead (about 1 s resolution)
  --timeout D           how long to wait for the answer (default 5s)

Exit status: 0 the offset is within 10 s; 1 it is over (a line on stderr
says what to do); 2 no server answered, or bad usage.
`

func clockCommand() Command {
	c := Command{Name: "clock", Synopsis: "print the clock's offset from a time server", Usage: clockUsage}
	c.Run = func(env *Env, args []string) int { return runClock(env, c, args) }
	return c
}

func runClock(env *Env, c Command, args []string) int {
	fs := newFlags(c.Name)
	server := fs.String("server", "", "NTP server")
	https := fs.String("https", "", "HTTPS server")
	timeout := fs.Duration("timeout", 5*time.Second, "timeout")
	if code, ok := parseFlags(env, c, fs, args); !ok {
		return code
	}
	if fs.NArg() != 0 {
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("clock takes no argument besides its options; run 'authdesk help clock'"))
	}
	var r clock.Result
	var err error
	if *https != "" {
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		r, err = clock.CheckHTTPS(ctx, nil, *https, env.Now)
		cancel()
	} else {
		r, err = clock.Check(*server, *timeout)
	}
	if err != nil {
		return env.Fail(ExitBadInput, c.Name, fmt.Errorf("%w; check the network, or try another server with --server or --https", err))
	}
	fmt.Fprintf(env.Stdout, "offset %+.3f s\n", r.Offset.Seconds())
	if r.Over() {
		fmt.Fprintf(env.Stderr, "authdesk clock: %s, enough to make codes fail; set the clock to the right time (turn on automatic time)\n", r.Describe())
		return ExitRefused
	}
	return ExitOK
}
