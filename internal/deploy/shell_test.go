package deploy

import (
	"reflect"
	"strings"
	"testing"
)

func TestExpandWord(t *testing.T) {
	vars := map[string]string{"A": "alpha", "EMPTY": "", "P": "dist/linux/amd64/app"}
	lookup := func(n string) (string, bool) { v, ok := vars[n]; return v, ok }
	for raw, want := range map[string]string{
		`$A`:                  "alpha",
		`${A}-x`:              "alpha-x",
		`"$A b"`:              "alpha b",
		`'$A'`:                "$A",
		`\$A`:                 "$A",
		`${EMPTY:-def}`:       "def",
		`${EMPTY-def}`:        "",
		`${NOPE:-d${A}}`:      "dalpha",
		`${A:+set}`:           "set",
		`${NOPE:+set}`:        "",
		`${P#*/}`:             "linux/amd64/app",
		`${P##*/}`:            "app",
		`${P%/*}`:             "dist/linux/amd64",
		`${P%%/*}`:            "dist",
		`$NOPE`:               unknown,
		`$(git describe)`:     unknown,
		"`date`":              unknown,
		`"a"'b'c`:             "abc",
		`"nested \"q\" $A"`:   `nested "q" alpha`,
		`-X=main.v=$(cat v)x`: "-X=main.v=" + unknown + "x",
	} {
		if got := expandWord(raw, lookup, '\\'); got != want {
			t.Errorf("expand %s = %q, want %q", raw, got, want)
		}
	}
}

func TestScanScript(t *testing.T) {
	script := `set -eux; \
	export GOFLAGS=-trimpath CGO_ENABLED=0
	cd cmd/app && GOOS=linux go build -tags "netgo osusergo" -ldflags="-s -w" -o ../../bin/app . 2>&1 | tee log
	X=1
	env CC=musl-gcc CGO_ENABLED=1 go install -buildmode=pie ./cmd/other
	sh -c 'CGO_ENABLED=1 go build -o /tmp/c ./cmd/c'
	if [ -f x ]; then go build -C sub -o out; fi
	apk add --no-cache tzdata`
	var others [][]string
	got := scanScript(script, map[string]string{"HOME": "/root"}, "/src", Pos{"Dockerfile", 3}, 0, func(w []string, env map[string]string, cwd string) {
		others = append(others, w)
	})
	if len(got) != 4 {
		t.Fatalf("%d go commands, want 4: %+v", len(got), got)
	}
	a := got[0]
	if a.cwd != "/src/cmd/app" || a.output != "../../bin/app" || !reflect.DeepEqual(a.tags, []string{"netgo", "osusergo"}) ||
		a.ldflags != "-s -w" || a.env["CGO_ENABLED"] != "0" || a.env["GOFLAGS"] != "-trimpath" || !reflect.DeepEqual(a.pkgs, []string{"."}) {
		t.Errorf("go build after export and cd: %+v", *a)
	}
	b := got[1]
	if !b.install || b.env["CC"] != "musl-gcc" || b.env["CGO_ENABLED"] != "1" || b.buildmode != "pie" {
		t.Errorf("env ... go install: %+v", *b)
	}
	if c := got[2]; c.env["CGO_ENABLED"] != "1" || c.output != "/tmp/c" {
		t.Errorf("sh -c: %+v", *c)
	}
	if d := got[3]; d.cwd != "/src/cmd/app/sub" || d.output != "out" {
		t.Errorf("go build -C sub: %+v", *d)
	}
	var names []string
	for _, o := range others {
		names = append(names, strings.Join(o, " "))
	}
	if want := "set -eux|tee log|[ -f x ]|apk add --no-cache tzdata"; strings.Join(names, "|") != want {
		t.Errorf("other commands %q, want %q", strings.Join(names, "|"), want)
	}
}

func TestGoCommandGOFLAGSAndUnknowns(t *testing.T) {
	g := parseGoCommand([]string{"build", unknown, "-o", "x", "./cmd/x"}, map[string]string{"GOFLAGS": "-tags=netgo -ldflags=-linkmode=external"}, "/", Pos{})
	if !reflect.DeepEqual(g.tags, []string{"netgo"}) || g.ldflags != "-linkmode=external" || !reflect.DeepEqual(g.pkgs, []string{"./cmd/x"}) {
		t.Errorf("GOFLAGS and an unknown word: %+v", *g)
	}
	g = parseGoCommand([]string{"build", "-ldflags", "-X main.v=" + unknown + " -extldflags " + unknown}, nil, "/", Pos{})
	if len(g.unexpanded) != 1 || !strings.Contains(g.unexpanded[0], "-extldflags …") {
		t.Errorf("unknown -extldflags not reported: %q", g.unexpanded)
	}
}
