package skipverify

import (
	_ "embed"
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
	const message = "InsecureSkipVerify: true accepts any certificate for any host, an attacker's included"
	related := []analysis.RelatedInformation{report.Note("fix: if the image lacks CA roots (\"x509: certificate signed by unknown authority\"), " +
		"ship a CA bundle or set SSL_CERT_FILE, or import _ \"golang.org/x/crypto/x509roots/fallback\" for public CAs; then remove it")}

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
					Pos: kv.Pos(), End: kv.End(), Message: message, Related: related,
					SuggestedFixes: removeElement(pass, n, i),
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
					Pos: assign.Pos(), End: assign.End(), Message: message, Related: related,
					SuggestedFixes: removeStatement(pass, n, i),
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

// removeElement deletes element i of a composite literal: the literal's
// whole body when it is the only element (gofmt prints an empty literal
// as {}), its lines when it has lines of its own, else the element and
// one separating comma.
func removeElement(pass *analysis.Pass, lit *ast.CompositeLit, i int) []analysis.SuggestedFix {
	elt := lit.Elts[i]
	if len(lit.Elts) == 1 && !hasComment(pass, lit.Lbrace, lit.Rbrace) {
		return fix(analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Rbrace}, true)
	}
	prev := lit.Lbrace + 1
	if i > 0 {
		prev = lit.Elts[i-1].End()
	}
	next := lit.Rbrace
	if i+1 < len(lit.Elts) {
		next = lit.Elts[i+1].Pos()
	}
	return fix(report.DeleteElement(pass, prev, elt.Pos(), elt.End(), next, ','))
}

// removeStatement deletes statement i of a block.
func removeStatement(pass *analysis.Pass, block *ast.BlockStmt, i int) []analysis.SuggestedFix {
	stmt := block.List[i]
	prev := block.Lbrace + 1
	if i > 0 {
		prev = block.List[i-1].End()
	}
	next := block.Rbrace
	if i+1 < len(block.List) {
		next = block.List[i+1].Pos()
	}
	return fix(report.DeleteElement(pass, prev, stmt.Pos(), stmt.End(), next, ';'))
}

func fix(edit analysis.TextEdit, ok bool) []analysis.SuggestedFix {
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{Message: "Remove InsecureSkipVerify", TextEdits: []analysis.TextEdit{edit}}}
}

// hasComment reports whether a comment lies between from and to.
func hasComment(pass *analysis.Pass, from, to token.Pos) bool {
	f := report.FileOf(pass, from)
	if f == nil {
		return true
	}
	for _, g := range f.Comments {
		if g.Pos() > from && g.End() < to {
			return true
		}
	}
	return false
}
