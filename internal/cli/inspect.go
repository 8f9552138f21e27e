package cli

import "github.com/scratchvet/scratchvet/inspect"

func init() { Subcommands["inspect"] = inspect.Main }
