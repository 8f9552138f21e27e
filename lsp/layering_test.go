package lsp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestEngineDoesNotUseServer: the analysis engine (rounds, views, loading,
// updating, converting, moving diagnostics) reads a round's session value
// and sends through the publisher interface; it never names the Server, so
// it cannot lock it or reach into its state (issue 13, as gopls's cache
// never imports its server). Only server.go, text.go, codeaction.go and
// publish.go hold the Server's side.
func TestEngineDoesNotUseServer(t *testing.T) {
	fset := token.NewFileSet()
	for _, name := range []string{"engine.go", "view.go", "update.go", "convert.go", "move.go"} {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && (id.Name == "Server" || id.Name == "clientPublisher") {
				t.Errorf("%s: the engine names %s", fset.Position(id.Pos()), id.Name)
			}
			return true
		})
	}
}
