// Command scratchvet reports the lines of a Go program that will break once
// it is built statically and shipped into a minimal image (scratch,
// distroless, alpine).
//
//	scratchvet [flags] [packages]                   standalone checker
//	go vet -vettool=$(command -v scratchvet) ./...  as a vet tool
//	scratchvet lsp                                  language server
//	scratchvet inspect [flags] FILE                 judge a built binary or image
//
// See README.md and docs/.
package main

import (
	"os"

	"github.com/scratchvet/scratchvet/internal/cli"
)

func main() {
	os.Exit(cli.Run())
}
