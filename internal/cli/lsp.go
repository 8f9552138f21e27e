package cli

import "github.com/scratchvet/scratchvet/lsp"

// The language server lives in package lsp, which imports the checks; it
// registers here so that package cli does not depend on it elsewhere.
func init() { Subcommands["lsp"] = lsp.Main }
