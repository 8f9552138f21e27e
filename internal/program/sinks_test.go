package program

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// sinkSource marks each line that must be a site with "// site KIND" or
// "// site KIND ARG" (the recorded argument); other lines must be none.
const sinkSource = `package p

import (
	"fmt"
	"io/ioutil"
	"log/syslog"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

const git = "git"

func temp(dir string) {
	os.CreateTemp("", "x")                          // site temp
	os.MkdirTemp("", "x")                           // site temp
	ioutil.TempFile("", "x")                        // site temp
	ioutil.TempDir("", "x")                         // site temp
	os.CreateTemp(dir, "x")                         // an explicit directory
	os.CreateTemp("/data", "x")                     // an explicit directory
	os.CreateTemp(os.TempDir(), "x")                // site temp
	t := os.TempDir()
	p := filepath.Join(t, "cache")
	os.MkdirAll(p, 0o755)                           // site temp
	os.WriteFile(t+"/x", nil, 0o644)                // site temp
	os.ReadFile(filepath.Join(os.TempDir(), "x"))   // reading creates nothing
	fmt.Println(os.TempDir())                       // no write
	name := fmt.Sprintf("%s/run.pid", os.TempDir())
	os.Create(name)                                 // site temp
}

func home() {
	cache, err := os.UserCacheDir()
	_ = err
	os.MkdirAll(filepath.Join(cache, "app"), 0o700) // site home
	cfg, _ := os.UserConfigDir()
	os.ReadFile(filepath.Join(cfg, "app.yaml"))     // reading only
	h, _ := os.UserHomeDir()
	os.Create(filepath.Join(h, ".app_history"))     // site home
	os.Open(filepath.Join(h, ".netrc"))             // reading only
}

func upload(w http.ResponseWriter, r *http.Request, mr *multipart.Reader) {
	r.ParseMultipartForm(32 << 20)                  // site multipart 33554432
	r.FormFile("f")                                 // site multipart
	mr.ReadForm(1024)                               // site multipart 1024
	r.FormValue("q")                                // not a file upload's parse
}

func run(prog string) {
	exec.Command("git", "status")                   // site exec git
	exec.Command(git)                               // a named constant: types needed
	exec.CommandContext(nil, "curl", "-s")          // site exec curl
	exec.LookPath("sh")                             // site exec sh
	exec.Command("/bin/sh", "-c", "true")           // site exec /bin/sh
	exec.Command(prog)                              // not constant
	exec.Command(os.Args[0], "child")               // the program itself
	exec.Command("/proc/self/exe", "child")         // the program itself
	exec.Command("./tool")                          // relative to the working directory
	os.StartProcess("/bin/true", nil, nil)          // site exec /bin/true
	os.StartProcess("true", nil, nil)               // StartProcess does not search PATH
	syscall.Exec("/usr/bin/env", nil, nil)          // site exec /usr/bin/env
}

func logs(network string) {
	syslog.New(syslog.LOG_INFO, "app")              // site syslog
	syslog.NewLogger(syslog.LOG_INFO, 0)            // site syslog
	syslog.Dial("", "", syslog.LOG_INFO, "app")     // site syslog
	syslog.Dial("unixgram", "/dev/log", 0, "app")   // site syslog
	syslog.Dial("udp", "logs:514", 0, "app")        // remote
	syslog.Dial(network, "logs:514", 0, "app")      // not constant
}
`

func wantedSites(t *testing.T, fset *token.FileSet, f *ast.File) []string {
	t.Helper()
	var want []string
	for _, g := range f.Comments {
		for _, c := range g.List {
			if rest, ok := strings.CutPrefix(c.Text, "// site "); ok {
				want = append(want, fset.Position(c.Pos()).String()[:strings.LastIndex(fset.Position(c.Pos()).String(), ":")]+" "+rest)
			}
		}
	}
	sort.Strings(want)
	return want
}

func foundSites(fset *token.FileSet, sites []Site, kinds map[Kind]bool) []string {
	var got []string
	for _, s := range sites {
		if !kinds[s.Kind] {
			continue
		}
		p := fset.Position(s.Pos)
		line := p.Filename + ":" + strconv.Itoa(p.Line) + " " + string(s.Kind)
		if s.Arg != "" {
			line += " " + s.Arg
		}
		got = append(got, line)
	}
	sort.Strings(got)
	return got
}

var newKinds = map[Kind]bool{KindTemp: true, KindHome: true, KindMultipart: true, KindExec: true, KindSyslog: true}

// The new sinks, from syntax alone (how dependencies are summarised).
func TestNewSinksFromSyntax(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", sinkSource, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	got := foundSites(fset, Summarize(fset, []*ast.File{f}, nil).Sites, newKinds)
	if want := wantedSites(t, fset, f); !reflect.DeepEqual(got, want) {
		t.Errorf("sites:\n got %q\nwant %q", got, want)
	}
	// The cheap scan's prefilter lets the file through.
	if !mayHaveSites([]byte(sinkSource)) {
		t.Error("mayHaveSites rejects the file")
	}
}

// With types, a named constant program is known too; nothing else changes.
func TestNewSinksWithTypes(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", sinkSource, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default(), Error: func(error) {}}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Skipf("type-checking the fixture from source: %v", err)
	}
	got := foundSites(fset, Summarize(fset, []*ast.File{f}, info).Sites, newKinds)
	line := strings.Count(sinkSource[:strings.Index(sinkSource, "exec.Command(git)")], "\n") + 1
	want := append(wantedSites(t, fset, f), "p.go:"+strconv.Itoa(line)+" exec git")
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sites:\n got %q\nwant %q", got, want)
	}
}

// Exec and multipart causes are judged one by one: the first ones met must
// not crowd out a later program or package.
func TestJudgedCausesKept(t *testing.T) {
	var imports []Imported
	for i := 0; i < 6; i++ {
		p := "dep" + strconv.Itoa(i)
		imports = append(imports, Imported{Path: p, Closure: &Closure{Causes: []Cause{
			{Kind: KindExec, Pkg: p, Pos: token.Position{Filename: p + ".go", Line: 1, Column: 1}, Arg: "sh"},
			{Kind: KindMultipart, Pkg: p, Pos: token.Position{Filename: p + ".go", Line: 2, Column: 1}},
		}, Init: []int{0, 1}}})
	}
	imports = append(imports, Imported{Path: "z", Closure: &Closure{Causes: []Cause{
		{Kind: KindExec, Pkg: "z", Pos: token.Position{Filename: "z.go", Line: 1, Column: 1}, Arg: "git"},
	}, Init: []int{0}}})
	c := Merge(token.NewFileSet(), "main", Local{}, imports)
	var args []string
	for _, cause := range c.CausesOf(KindExec) {
		args = append(args, cause.Arg)
	}
	if !reflect.DeepEqual(args, []string{"sh", "sh", "git"}) {
		t.Errorf("exec causes kept: %v, want two of sh and git", args)
	}
	if n := len(c.CausesOf(KindMultipart)); n != 6 {
		t.Errorf("%d multipart causes kept, want one per package (6)", n)
	}
}
