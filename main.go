// Command authdesk is a desktop authenticator and enrollment client: with no
// arguments it starts the app, with arguments it runs a CLI subcommand (see
// `authdesk --help`).
package main

import (
	"os"

	"authdesk/app/cli"
	"authdesk/app/harden"
	_ "authdesk/app/posixlocale" // before Fyne reads the locale
	"authdesk/screens"
)

func main() {
	_ = harden.Process() // best effort: no core dump, no ptrace by the same user (Linux)
	switch {
	case len(os.Args) == 2 && screens.IsLink(os.Args[1]):
		os.Exit(screens.Run(os.Args[1])) // a clicked otpauth:// link
	case len(os.Args) > 1:
		os.Exit(cli.Run(cli.OSEnv(), os.Args[1:]))
	}
	os.Exit(screens.Run(""))
}
