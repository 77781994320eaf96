// Package cli implements authdesk's command line, a stable contract that
// users' scripts rely on (see DESIGN.md):
//
//	authdesk code [--at TIME] URI|-
//	authdesk scan [--json] FILE... | scan --screen [--json]
//	authdesk vault SUBCOMMAND ...
//
// # Exit codes
//
// 0 success; 1 a refused operation or nothing found; 2 bad usage or bad
// input. Errors are one line on stderr that says what to do next and never
// hold a secret, a code or a password.
//
// Each subcommand lives in its own file and is listed in commands.go. Run
// takes an Env so that tests replace standard input, output and the clock.
package cli
