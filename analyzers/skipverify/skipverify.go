package skipverify

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/scratchvet/scratchvet/internal/check"
	"github.com/scratchvet/scratchvet/internal/program"
	"github.com/scratchvet/scratchvet/internal/report"
)

//go:embed doc.go
var doc string

// Check reports InsecureSkipVerify: true.
var Check = &check.Check{
	Name:      "skipverify",
	DocSource: doc,
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	Run:       run,
}

const field = "InsecureSkipVerify"

func run(cp *check.Pass) error {
	pass := cp.Pass
	message := fmt.Sprintf("InsecureSkipVerify: true accepts any certificate for any host, an attacker's included, "+
		"on every target (here %s) and in every build configuration; if it was added because the image lacks CA roots "+
		"(\"x509: certificate signed by unknown authority\"), ship a CA bundle or set SSL_CERT_FILE, or import _ "+
		"\"golang.org/x/crypto/x509roots/fallback\" for public CAs, and remove it", report.Deployments)
	fixMessage := "Remove InsecureSkipVerify"

	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	filter := []ast.Node{(*ast.File)(nil), (*ast.CompositeLit)(nil), (*ast.BlockStmt)(nil)}
	inTest := false
	ins.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.File:
			inTest = program.IsTestFile(pass.Fset.File(n.Pos()).Name())
		case *ast.CompositeLit:
			if inTest || !isTLSConfig(pass.TypesInfo.TypeOf(n)) || verifiesItself(n) {
				return
			}
			for i, elt := range n.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok || !isField(kv.Key) || !isTrue(pass, kv.Value) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Pos: kv.Pos(), End: kv.End(), Message: message,
					SuggestedFixes: []analysis.SuggestedFix{{Message: fixMessage, TextEdits: []analysis.TextEdit{removeElement(pass.Fset, n, i)}}},
				})
			}
		case *ast.BlockStmt:
			if inTest {
				return
			}
			for i, stmt := range n.List {
				assign, ok := stmt.(*ast.AssignStmt)
				if !ok || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || assign.Tok != token.ASSIGN {
					continue
				}
				sel, ok := assign.Lhs[0].(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != field || !isTLSConfig(pass.TypesInfo.TypeOf(sel.X)) || !isTrue(pass, assign.Rhs[0]) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Pos: assign.Pos(), End: assign.End(), Message: message,
					SuggestedFixes: []analysis.SuggestedFix{{Message: fixMessage, TextEdits: []analysis.TextEdit{removeStatement(pass.Fset, n, i)}}},
				})
			}
		}
	})
	return nil
}

func isField(key ast.Expr) bool {
	id, ok := key.(*ast.Ident)
	return ok && id.Name == field
}

func isTrue(pass *analysis.Pass, e ast.Expr) bool {
	tv, ok := pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// isTLSConfig reports whether t is crypto/tls.Config or a pointer to it.
func isTLSConfig(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Name() == "Config" && obj.Pkg() != nil && obj.Pkg().Path() == "crypto/tls"
}

// verifiesItself reports whether the literal sets its own verification,
// which InsecureSkipVerify is the documented way to enable.
func verifiesItself(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && (id.Name == "VerifyPeerCertificate" || id.Name == "VerifyConnection") {
				return true
			}
		}
	}
	return false
}

// removeElement deletes element i of a composite literal: its whole line
// when it stands alone there, else the element and one separating comma.
func removeElement(fset *token.FileSet, lit *ast.CompositeLit, i int) analysis.TextEdit {
	elt := lit.Elts[i]
	before := lit.Lbrace + 1
	if i > 0 {
		before = lit.Elts[i-1].End()
	}
	after := lit.Rbrace
	if i+1 < len(lit.Elts) {
		after = lit.Elts[i+1].Pos()
	}
	if edit, ok := removeLines(fset, before, elt.Pos(), elt.End(), after); ok {
		return edit
	}
	switch {
	case i+1 < len(lit.Elts):
		return analysis.TextEdit{Pos: elt.Pos(), End: after} // "elt, "
	case i > 0:
		return analysis.TextEdit{Pos: before, End: elt.End()} // ", elt"
	}
	return analysis.TextEdit{Pos: elt.Pos(), End: lit.Rbrace}
}

// removeStatement deletes statement i of a block.
func removeStatement(fset *token.FileSet, block *ast.BlockStmt, i int) analysis.TextEdit {
	stmt := block.List[i]
	before := block.Lbrace + 1
	if i > 0 {
		before = block.List[i-1].End()
	}
	after := block.Rbrace
	if i+1 < len(block.List) {
		after = block.List[i+1].Pos()
	}
	if edit, ok := removeLines(fset, before, stmt.Pos(), stmt.End(), after); ok {
		return edit
	}
	return analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End()}
}

// removeLines deletes the lines of [start, end) when nothing else but a
// trailing comma shares them: the previous code ends on an earlier line and
// the next starts on a later one.
func removeLines(fset *token.FileSet, prevEnd, start, end, nextStart token.Pos) (analysis.TextEdit, bool) {
	tf := fset.File(start)
	first, last := tf.Line(start), tf.Line(end)
	if tf.Line(prevEnd) >= first || tf.Line(nextStart) <= last {
		return analysis.TextEdit{}, false
	}
	from := tf.LineStart(first)
	to := token.Pos(tf.Base() + tf.Size())
	if last < tf.LineCount() {
		to = tf.LineStart(last + 1)
	}
	return analysis.TextEdit{Pos: from, End: to}, true
}
