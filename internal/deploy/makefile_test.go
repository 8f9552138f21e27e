package deploy

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const testMakefile = `# variables of every flavour
NAME    := app
VERSION ?= $(shell git describe)
GO       = CGO_ENABLED=$(CGO) go
CGO     := 0
FLAGS   := -trimpath
FLAGS   += -v
export GOFLAGS := -mod=vendor
TAGS = $(subst $(comma), ,netgo$(comma)osusergo)
comma := ,
BINS := $(addprefix bin/,$(NAME) tool)

ifeq ($(NAME),app)
MODE := release
else
MODE := debug
endif
ifeq ($(shell uname),Linux)
PLATFORM := linux
endif

define LONG
line one
endef

all: build

build: export CGO_ENABLED = 1
build:
	@$(GO) build $(FLAGS) -tags "$(TAGS)" -o $@/$(NAME) ./cmd/$(NAME)

bin/%:
	go build -o $@ ./cmd/$*

release:
	$(MAKE) build CGO=1
	docker buildx build --platform linux/amd64 -f build/Dockerfile \
		--build-arg BASE=gcr.io/distroless/static --target final .
	KO_DEFAULTBASEIMAGE=alpine ko build --bare ./cmd/app
`

func TestMakefileVariables(t *testing.T) {
	mf := ParseMakefile("Makefile", []byte(testMakefile))
	for name, want := range map[string]string{
		"NAME": "app", "VERSION": unknown, "CGO": "0", "FLAGS": "-trimpath -v",
		"TAGS": "netgo osusergo", "BINS": "bin/app bin/tool", "MODE": "release",
		"UNSET": "", "LONG": "line one",
	} {
		if got := mf.reference(name, nil, 0); got != want {
			t.Errorf("$(%s) = %q, want %q", name, got, want)
		}
	}
	if !mf.vars["GOFLAGS"].exported || mf.vars["CGO"].exported {
		t.Errorf("export: GOFLAGS %v, CGO %v", mf.vars["GOFLAGS"].exported, mf.vars["CGO"].exported)
	}
	if v := mf.vars["PLATFORM"]; v == nil || !v.uncertain {
		t.Errorf("PLATFORM set under an undecidable conditional: %+v", v)
	}
	if !mf.vars["VERSION"].weak {
		t.Error("?= is a default the environment overrides")
	}
}

func TestMakefileRecipes(t *testing.T) {
	mf := ParseMakefile("Makefile", []byte(testMakefile))
	var found makeFinds
	mf.scanTarget("release", nil, nil, ".", map[string]bool{}, 0, &found)
	if len(found.gos) != 1 {
		t.Fatalf("make release: %d go commands, want 1 (through $(MAKE) build)", len(found.gos))
	}
	g := found.gos[0]
	// The command line's CGO=1 reaches $(GO); the target-specific export
	// CGO_ENABLED = 1 is overridden by the prefix on the command itself.
	if g.env["CGO_ENABLED"] != "1" || g.env["GOFLAGS"] != "-mod=vendor" || g.output != "build/app" ||
		!reflect.DeepEqual(g.tags, []string{"netgo", "osusergo"}) || g.pos.Line != 30 {
		t.Errorf("make release → build: %+v", *g)
	}
	if len(found.dockers) != 1 {
		t.Fatalf("docker builds: %+v", found.dockers)
	}
	d := found.dockers[0]
	if d.file != "build/Dockerfile" || d.args["BASE"] != "gcr.io/distroless/static" || d.target != "final" || d.context != "." {
		t.Errorf("docker buildx build: %+v", d)
	}
	if len(found.kos) != 1 || !reflect.DeepEqual(found.kos[0].pkgs, []string{"./cmd/app"}) || found.kos[0].env["KO_DEFAULTBASEIMAGE"] != "alpine" {
		t.Errorf("ko build: %+v", found.kos)
	}

	found = makeFinds{}
	mf.scanTarget("bin/tool", nil, nil, ".", map[string]bool{}, 0, &found)
	if len(found.gos) != 1 || found.gos[0].output != "bin/tool" || !reflect.DeepEqual(found.gos[0].pkgs, []string{"./cmd/tool"}) {
		t.Errorf("pattern rule bin/%%: %+v", found.gos)
	}
}

// TestMakeExportSemantics measures the rule scanRule relies on with GNU
// make itself: a variable the Makefile sets reaches a recipe's commands
// only when exported, or when it came from make's environment.
func TestMakeExportSemantics(t *testing.T) {
	makeBin, err := exec.LookPath("make")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("make not found")
		}
		t.Skip("make not found")
	}
	dir := t.TempDir()
	src := "CGO_ENABLED := 0\nexport EXPORTED := 1\n\nshow:\n\t@echo \"[$$CGO_ENABLED][$$EXPORTED]\"\n"
	if err := os.WriteFile(filepath.Join(dir, "Makefile"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(env ...string) string {
		cmd := exec.Command(makeBin, "-s", "show")
		cmd.Dir = dir
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if got := run(); got != "[][1]" {
		t.Errorf("unexported variable: recipe saw %s, want [][1]", got)
	}
	if got := run("CGO_ENABLED=1"); got != "[0][1]" {
		t.Errorf("variable also in the environment: recipe saw %s, want [0][1]", got)
	}
	// What discovery says about the same Makefile.
	mf := ParseMakefile("Makefile", []byte(src))
	env := mf.recipeEnv(&mkScope{vars: map[string]*mkVar{}}, nil)
	if _, ok := env["CGO_ENABLED"]; ok || env["EXPORTED"] != "1" {
		t.Errorf("recipeEnv without environment: %v", env)
	}
	env = mf.recipeEnv(&mkScope{vars: map[string]*mkVar{}}, map[string]string{"CGO_ENABLED": "1"})
	if env["CGO_ENABLED"] != "0" {
		t.Errorf("recipeEnv with CGO_ENABLED=1 in the environment: %v", env)
	}
}
