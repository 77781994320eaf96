// Command authdesk is a desktop authenticator and enrollment client: with no
// arguments it starts the app, with arguments it runs a CLI subcommand (see
// `authdesk --help`).
package main

import (
	"os"

	"authdesk/app/cli"
	"authdesk/app/harden"
	"authdesk/app/instance"
	_ "authdesk/app/posixlocale" // before Fyne reads the locale
	"authdesk/screens"
)

func main() {
	_ = harden.Process() // best effort: no core dump, no ptrace by the same user (Linux)
	switch {
	case len(os.Args) == 2 && screens.IsLink(os.Args[1]):
		// A clicked otpauth:// link: hand it to the running window, or to a
		// new one through its stdin, and exit, so that the key it holds is
		// in no long-lived process's arguments.
		os.Exit(screens.HandOff([]byte(os.Args[1])))
	case len(os.Args) == 2 && os.Args[1] == instance.LinkFlag:
		os.Exit(screens.RunWithLinkFrom(os.Stdin))
	case len(os.Args) > 1:
		os.Exit(cli.Run(cli.OSEnv(), os.Args[1:]))
	}
	os.Exit(screens.Run(nil))
}
