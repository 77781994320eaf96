package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"authdesk/app/policy"
)

// Exit codes of every subcommand.
const (
	ExitOK       = 0 // success
	ExitRefused  = 1 // refused operation, nothing found
	ExitBadInput = 2 // bad usage or bad input
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Getenv reads the environment (AUTHDESK_HOME...); tests replace it.
	Getenv func(string) string
	// Policy is what the organization enforces; nil: policy.Active().
	Policy *policy.Policy
}

// OSEnv is the Env of a real process.
func OSEnv() *Env {
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now, Getenv: os.Getenv}
}

// Command is one subcommand.
type Command struct {
	Name     string
	Synopsis string // one line for `authdesk --help`
	Usage    string // the full text for `authdesk help NAME`
	Run      func(env *Env, args []string) int
}

// Fail prints one line "authdesk NAME: MESSAGE" on stderr and returns code.
func (e *Env) Fail(code int, name string, err error) int {
	fmt.Fprintf(e.Stderr, "authdesk %s: %v\n", name, err)
	return code
}

// Run dispatches args (without the program name) to a subcommand and
// returns the process exit code.
func Run(env *Env, args []string) int {
	cmds := commands()
	if len(args) == 0 {
		printHelp(env.Stdout, cmds)
		return ExitOK
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		printHelp(env.Stdout, cmds)
		return ExitOK
	case "help":
		if len(args) == 1 {
			printHelp(env.Stdout, cmds)
			return ExitOK
		}
		c, ok := find(cmds, args[1])
		if !ok {
			// Never echoed: a mistyped argument may hold part of a key.
			fmt.Fprint(env.Stderr, "authdesk help: unknown command; run 'authdesk --help' for the list\n")
			return ExitBadInput
		}
		fmt.Fprint(env.Stdout, c.Usage)
		return ExitOK
	}
	c, ok := find(cmds, name)
	if !ok {
		fmt.Fprint(env.Stderr, "authdesk: unknown command; run 'authdesk --help' for the list\n")
		return ExitBadInput
	}
	return c.Run(env, args[1:])
}

func find(cmds []Command, name string) (Command, bool) {
	for _, c := range cmds {
		if c.Name == name {
			return c, true
		}
	}
	return Command{}, false
}

func printHelp(w io.Writer, cmds []Command) {
	fmt.Fprint(w, "authdesk: a desktop authenticator and enrollment client.\n\n")
	fmt.Fprint(w, "Usage:\n  authdesk                 start the app\n  authdesk COMMAND [ARGS]  run a command\n\nCommands:\n")
	sorted := append([]Command(nil), cmds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-8s %s\n", c.Name, c.Synopsis)
	}
	fmt.Fprint(w, "\nRun 'authdesk help COMMAND' for a command's options.\n")
}

// newFlags returns a FlagSet that prints nothing by itself: parse errors
// become one-line messages through parseFlags.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// ("scan a.png --json"). It returns ExitOK and true when the command
// should go on; otherwise the exit code to return (help printed, or a
// one-line usage error).
func parseFlags(env *Env, c Command, fs *flag.FlagSet, args []string) (int, bool) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(env.Stdout, c.Usage)
			return ExitOK, false
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "authdesk %s: %s; run 'authdesk help %s'\n", c.Name, flagProblem(fs, err), c.Name)
			return ExitBadInput, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...) // everything after "--" is positional
			break
		}
		if rest[0] == "-" || !strings.HasPrefix(rest[0], "-") {
			pos = append(pos, rest[0])
			args = rest[1:]
			continue
		}
		args = rest
	}
	_ = fs.Parse(append([]string{"--"}, pos...))
	return ExitOK, true
}

// flagProblem says what is wrong with the options without quoting what
// was typed (an unknown option or a bad value may hold part of a key):
// only the names of options the command defines are named.
func flagProblem(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	for _, name := range flagNames(fs) {
		switch msg {
		case "flag needs an argument: -" + name:
			return "--" + name + " needs a value"
		}
		if strings.HasPrefix(msg, "invalid value ") && strings.Contains(msg, " for flag -"+name+": ") {
			return "the value of --" + name + " is not valid"
		}
		if strings.HasPrefix(msg, "invalid boolean value ") && strings.Contains(msg, " for -"+name+": ") {
			return "--" + name + " takes no value"
		}
	}
	return "unknown option"
}

func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// warnArgvLink is the one line printed when an otpauth:// link came as an
// argument rather than on standard input.
func warnArgvLink(env *Env, name string) {
	fmt.Fprintf(env.Stderr, "authdesk %s: warning: the link's key was visible to other local users in the process list; pass links on standard input with '-'\n", name)
}

// linkAsFile refuses an otpauth link given where a file was expected
// (scan, import): the "cannot read the file" message would quote it, key
// included.
func linkAsFile(arg string) error {
	l := strings.ToLower(arg)
	if strings.HasPrefix(l, "otpauth:") || strings.HasPrefix(l, "otpauth-migration:") || strings.Contains(l, "secret=") {
		return fmt.Errorf("%w: a link was given where a file was expected (not shown: it holds a key); pipe links into 'authdesk code -' or 'authdesk vault add --name NAME -'", errUsage)
	}
	return nil
}
