package driver

import (
	"go/ast"
	"go/types"
)

// NewInfo returns a types.Info that records what the checks read: types
// of expressions, definitions, uses and implicit objects (the package
// names of imports). Not recorded: selections, scopes and instances,
// which no check reads and which cost a sixth of the type checker's time
// on a large package; TestInfoCoversChecks fails when a check starts to
// read them.
func NewInfo() *types.Info { return NewInfoSized(InfoSizes{}) }

// InfoSizes are the number of entries of each map NewInfo records.
type InfoSizes struct {
	Types, Defs, Uses, Implicits, Files int
}

// SizesOf returns the sizes of info's maps.
func SizesOf(info *types.Info) InfoSizes {
	return InfoSizes{
		Types: len(info.Types), Defs: len(info.Defs), Uses: len(info.Uses), Implicits: len(info.Implicits),
		Files: len(info.FileVersions),
	}
}

// NewInfoSized is NewInfo with maps made for the given number of entries:
// re-checking a package after an edit records about as many as the check
// before it, and maps made big enough are not grown (rehashed) entry by
// entry while the type checker fills them (a tenth of the time of
// type-checking a large package, and most of its garbage).
func NewInfoSized(hint InfoSizes) *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue, hint.Types),
		Defs:         make(map[*ast.Ident]types.Object, hint.Defs),
		Uses:         make(map[*ast.Ident]types.Object, hint.Uses),
		Implicits:    make(map[ast.Node]types.Object, hint.Implicits),
		FileVersions: make(map[*ast.File]string, hint.Files),
	}
}

// MappedImporter resolves import paths as written through importMap (the
// vendor and test-variant mapping the go command computes) before asking
// imp for the package.
func MappedImporter(imp types.Importer, importMap map[string]string) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if mapped, ok := importMap[path]; ok {
			path = mapped
		}
		return imp.Import(path)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
