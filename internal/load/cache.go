package load

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sync"

	"github.com/scratchvet/scratchvet/internal/driver"
)

// A syntaxCache keeps the syntax trees of the files of the packages checked
// last, so that re-checking a package after an edit parses only the files
// whose text changed. Go's type checker does not modify syntax trees, so a
// tree can serve any number of checks.
type syntaxCache struct {
	mu     sync.Mutex
	pkgs   map[string]map[string]parsedFile // package → file name → syntax
	sizes  map[string]driver.InfoSizes      // package → the sizes of its last check's types.Info
	recent []string                         // packages, least recently checked first
	parsed int                              // bytes parsed into the file set so far
}

type parsedFile struct {
	src  []byte
	file *ast.File
	// noBodies is file without its functions' bodies (stripBodies), made
	// when first asked for.
	noBodies *ast.File
}

// syntaxCachePackages bounds the packages whose syntax is kept: the ones
// being edited, not the whole workspace checked at the first load.
const syntaxCachePackages = 16

func newSyntaxCache() *syntaxCache {
	return &syntaxCache{pkgs: map[string]map[string]parsedFile{}, sizes: map[string]driver.InfoSizes{}}
}

// parse returns the syntax of src (file name of package pkg), parsing it
// into fset unless the same text was parsed before. Files that do not
// parse are not kept.
func (c *syntaxCache) parse(fset *token.FileSet, pkg, name string, src []byte) (*ast.File, error) {
	c.mu.Lock()
	if pf, ok := c.pkgs[pkg][name]; ok && bytes.Equal(pf.src, src) {
		c.touch(pkg)
		c.mu.Unlock()
		return pf.file, nil
	}
	c.mu.Unlock()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.parsed += len(src)
	if err != nil {
		return f, err
	}
	files := c.pkgs[pkg]
	if files == nil {
		files = map[string]parsedFile{}
		c.pkgs[pkg] = files
	}
	files[name] = parsedFile{src: src, file: f}
	c.touch(pkg)
	return f, nil
}

// bodiless returns the copy of f (the syntax of file name of package pkg
// that parse returned) without function bodies, made once per text.
func (c *syntaxCache) bodiless(pkg, name string, f *ast.File) *ast.File {
	c.mu.Lock()
	defer c.mu.Unlock()
	pf, ok := c.pkgs[pkg][name]
	if !ok || pf.file != f {
		return stripBodies(f) // not kept (dropped meanwhile)
	}
	if pf.noBodies == nil {
		pf.noBodies = stripBodies(f)
		c.pkgs[pkg][name] = pf
	}
	return pf.noBodies
}

// stripBodies returns a shallow copy of f whose function declarations
// have no bodies. The rest of the tree is shared: the type checker does
// not modify syntax. The declarations' types do not depend on the
// bodies, so a package checked with some files so stripped gives the
// other files the same types as a full check.
func stripBodies(f *ast.File) *ast.File {
	cp := *f
	cp.Decls = make([]ast.Decl, len(f.Decls))
	for i, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			stripped := *fd
			stripped.Body = nil
			d = &stripped
		}
		cp.Decls[i] = d
	}
	return &cp
}

// touch makes pkg the most recently checked package and drops the syntax
// of the least recent ones beyond the bound.
func (c *syntaxCache) touch(pkg string) {
	for i, p := range c.recent {
		if p == pkg {
			c.recent = append(c.recent[:i], c.recent[i+1:]...)
			break
		}
	}
	c.recent = append(c.recent, pkg)
	for len(c.recent) > syntaxCachePackages {
		delete(c.pkgs, c.recent[0])
		delete(c.sizes, c.recent[0])
		c.recent = c.recent[1:]
	}
}

// infoSizes returns the sizes of the types.Info of pkg's last check, to
// make the next one's maps big enough from the start.
func (c *syntaxCache) infoSizes(pkg string) driver.InfoSizes {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sizes[pkg]
}

// checked records the sizes of the types.Info of pkg's check.
func (c *syntaxCache) checked(pkg string, info *types.Info) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.pkgs[pkg]; ok { // not for packages already dropped
		c.sizes[pkg] = driver.SizesOf(info)
	}
}

// parsedBytes returns how much text was parsed into the file set.
func (c *syntaxCache) parsedBytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parsed
}
