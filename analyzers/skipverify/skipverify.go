package skipverify

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

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
	// The finding is about the code: accepting any certificate is the
	// same mistake in every image.
	AnyDeployment: true,
	Requires:      []*analysis.Analyzer{inspect.Analyzer},
	Run:           run,
	FileLocal:     true, // a literal or an assignment in the file, typed
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
	var file *ast.File
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.File:
			file = n
			inTest = program.IsTestFile(pass.Fset.File(n.Pos()).Name())
		case *ast.CompositeLit:
			if inTest || !isTLSConfig(pass.TypesInfo.TypeOf(n)) || verifiesItself(n) || optedIn(stack) {
				return true
			}
			for i, elt := range n.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok || !isField(kv.Key) || !isTrue(pass, kv.Value) || noSec(pass, file, kv.Pos()) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Pos: kv.Pos(), End: kv.End(), Message: message, Related: related,
					SuggestedFixes: removeElement(pass, n, i),
				})
			}
		case *ast.BlockStmt:
			if inTest || optedIn(stack) {
				return true
			}
			for i, stmt := range n.List {
				assign, ok := stmt.(*ast.AssignStmt)
				if !ok || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || assign.Tok != token.ASSIGN {
					continue
				}
				sel, ok := assign.Lhs[0].(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != field || !isTLSConfig(pass.TypesInfo.TypeOf(sel.X)) || !isTrue(pass, assign.Rhs[0]) || noSec(pass, file, assign.Pos()) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Pos: assign.Pos(), End: assign.End(), Message: message, Related: related,
					SuggestedFixes: removeStatement(pass, n, i),
				})
			}
		}
		return true
	})
	return nil
}

// optedIn reports whether the innermost function around the top of stack
// sets the field only in the body of an if statement whose condition reads
// an opt-in: a name or string naming insecure or skipped verification
// (oauth2-proxy's `if opts.InsecureSkipTLSVerify { ... = true }`). That is
// the user's choice, as a value read from a flag is.
func optedIn(stack []ast.Node) bool {
	for i := len(stack) - 1; i > 0; i-- {
		switch n := stack[i-1].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if stack[i] == n.Body && namesOptIn(n.Cond) {
				return true
			}
		}
	}
	return false
}

// namesOptIn reports whether e reads an identifier, field or string whose
// name says the verification is skipped on request.
func namesOptIn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		var name string
		switch n := n.(type) {
		case *ast.Ident:
			name = n.Name
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				name = n.Value
			}
		}
		name = strings.ToLower(name)
		if strings.Contains(name, "insecure") || strings.Contains(name, "noverif") ||
			strings.Contains(name, "skip") && strings.Contains(name, "verif") {
			found = true
		}
		return !found
	})
	return found
}

// noSec reports whether gosec's suppression of the same rule (G402) is
// written on the line of pos or the line above: `// #nosec`, `#nosec G402`,
// with or without a justification after "--". The author has already
// accepted the finding under the name most projects know it by.
func noSec(pass *analysis.Pass, file *ast.File, pos token.Pos) bool {
	if file == nil {
		return false
	}
	line := pass.Fset.Position(pos).Line
	for _, g := range file.Comments {
		for _, c := range g.List {
			at := pass.Fset.Position(c.Slash).Line
			if at != line && at != line-1 {
				continue
			}
			text := c.Text
			k := strings.Index(text, "#nosec")
			if k < 0 {
				continue
			}
			rules := strings.TrimSuffix(text[k+len("#nosec"):], "*/")
			if j := strings.Index(rules, "--"); j >= 0 {
				rules = rules[:j]
			}
			fields := strings.FieldsFunc(rules, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			if len(fields) == 0 {
				return true
			}
			for _, r := range fields {
				if r == "G402" {
					return true
				}
			}
		}
	}
	return false
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
