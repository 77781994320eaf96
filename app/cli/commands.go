package cli

// commands lists every subcommand; each is built in its own file.
func commands() []Command {
	return []Command{
		codeCommand(),
		importCommand(),
		clockCommand(),
		scanCommand(),
		vaultCommand(),
	}
}
