package deploy

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseDockerfileSyntax(t *testing.T) {
	src := "\xef\xbb\xbf# syntax=docker/dockerfile:1\n" +
		"# escape=\\\n" +
		"\n" +
		"FROM golang:1.22 AS build\n" +
		"RUN apt-get update && \\\n" +
		"    # a comment inside the continuation is dropped\n" +
		"\n" +
		"    apt-get install -y gcc   \\   \n" +
		"    && true\n" +
		"COPY --from=base --chown=1:1 [\"a b\", \"/dst/\"]\n" +
		"RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/x .\n" +
		"RUN <<EOF\n" +
		"set -e\n" +
		"go build -o /out/y ./cmd/y\n" +
		"EOF\n" +
		"COPY <<-'CONF' /etc/app.conf\n" +
		"\tkey=$NOT_EXPANDED\n" +
		"\tCONF\n" +
		"cmd [\"/out/x\", \"serve\"]\n" +
		"ENTRYPOINT /out/x serve\n"
	df := ParseDockerfile("Dockerfile", []byte(src))
	if len(df.Problems) != 0 {
		t.Fatalf("problems: %v", df.Problems)
	}
	var cmds []string
	for _, in := range df.Instructions {
		cmds = append(cmds, in.Cmd)
	}
	if want := []string{"from", "run", "copy", "run", "run", "copy", "cmd", "entrypoint"}; !reflect.DeepEqual(cmds, want) {
		t.Fatalf("instructions %v, want %v", cmds, want)
	}
	run := df.Instructions[1]
	if run.Line != 5 || run.EndLine != 9 || run.Rest != "apt-get update &&     apt-get install -y gcc       && true" {
		t.Errorf("continued RUN: lines %d-%d, rest %q", run.Line, run.EndLine, run.Rest)
	}
	cp := df.Instructions[2]
	if from, _ := cp.Flag("from"); from != "base" || !reflect.DeepEqual(cp.JSON, []string{"a b", "/dst/"}) {
		t.Errorf("COPY JSON form: flags %v, JSON %q", cp.Flags, cp.JSON)
	}
	if mount, _ := df.Instructions[3].Flag("mount"); mount != "type=cache,target=/root/.cache/go-build" || df.Instructions[3].Rest != "go build -o /out/x ." {
		t.Errorf("RUN --mount: %q / %q", mount, df.Instructions[3].Rest)
	}
	h := df.Instructions[4].Heredocs
	if len(h) != 1 || h[0].Name != "EOF" || h[0].Body != "set -e\ngo build -o /out/y ./cmd/y\n" || !h[0].Expand || h[0].Line != 13 {
		t.Errorf("RUN heredoc: %+v", h)
	}
	h = df.Instructions[5].Heredocs
	if len(h) != 1 || h[0].Body != "key=$NOT_EXPANDED\n" || h[0].Expand {
		t.Errorf("COPY <<-'CONF' heredoc: %+v", h)
	}
	if got := df.Instructions[6].JSON; !reflect.DeepEqual(got, []string{"/out/x", "serve"}) {
		t.Errorf("lower-case cmd in exec form: %q", got)
	}
	if df.Instructions[7].JSON != nil || df.Instructions[7].Rest != "/out/x serve" {
		t.Errorf("shell-form ENTRYPOINT: %+v", df.Instructions[7])
	}
}

func TestParseDockerfileEscapeDirective(t *testing.T) {
	df := ParseDockerfile("Dockerfile", []byte("# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir c:\\ `\n  && echo done\n"))
	if df.Escape != '`' || len(df.Instructions) != 2 || df.Instructions[1].Rest != `dir c:\   && echo done` {
		t.Errorf("escape=`: %q %+v", df.Escape, df.Instructions)
	}
	// A directive after the first instruction is a comment.
	df = ParseDockerfile("Dockerfile", []byte("FROM scratch\n# escape=`\nRUN a \\\n b\n"))
	if df.Escape != '\\' || df.Instructions[1].Rest != "a  b" {
		t.Errorf("late directive: %q %+v", df.Escape, df.Instructions)
	}
}

func TestParseDockerfileProblems(t *testing.T) {
	df := ParseDockerfile("build/Dockerfile", []byte("# escape=x\nFROM alpine\nFORM scratch\nRUN <<EOF\necho never closed\n"))
	var got []string
	for _, p := range df.Problems {
		got = append(got, p.String())
	}
	want := []string{
		"build/Dockerfile:1: invalid escape directive \"x\": want \\ or `",
		"build/Dockerfile:3: unknown instruction \"FORM\"",
		"build/Dockerfile:4: here-document <<EOF is not terminated",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// What could be read still counts.
	if len(df.Instructions) != 2 || df.Instructions[0].Cmd != "from" {
		t.Errorf("instructions after problems: %+v", df.Instructions)
	}
	// A file that is no Dockerfile at all gives a bounded list.
	df = ParseDockerfile("Dockerfile", []byte(strings.Repeat("not an instruction\n", 500)))
	if len(df.Problems) != maxProblems+1 {
		t.Errorf("%d problems for 500 bad lines, want %d", len(df.Problems), maxProblems+1)
	}
}

func TestEvalDockerfileArgsAndEnv(t *testing.T) {
	df := ParseDockerfile("Dockerfile", []byte(`ARG REGISTRY=gcr.io
ARG VARIANT
FROM ${REGISTRY}/distroless/static-debian12:${VARIANT:-nonroot} AS final
ARG REGISTRY
ARG PORT=8080
ENV APP_HOME=/srv/app TZ="America/New_York" \
    LISTEN=":${PORT}"
ENV LEGACY legacy form with spaces
WORKDIR $APP_HOME
WORKDIR data
USER ${UID:-65532}
COPY --from=${REGISTRY}/other:1 /etc/passwd /etc/passwd
`))
	stages, probs := evalDockerfile(df, map[string]string{"PORT": "9090"})
	if len(probs) != 0 || len(stages) != 1 {
		t.Fatalf("%d stages, problems %v", len(stages), probs)
	}
	s := stages[0]
	checks := map[string][2]string{
		"FROM":                             {s.from.Value, "gcr.io/distroless/static-debian12:nonroot"},
		"TZ":                               {s.env["TZ"].Value, "America/New_York"},
		"LISTEN":                           {s.env["LISTEN"].Value, ":9090"},
		"LEGACY":                           {s.env["LEGACY"].Value, "legacy form with spaces"},
		"WORKDIR":                          {s.workdir.Value, "/srv/app/data"},
		"USER":                             {s.user.Value, "65532"},
		"REGISTRY (global ARG redeclared)": {s.vars["REGISTRY"], "gcr.io"},
		"COPY --from":                      {s.copies[0].from, "gcr.io/other:1"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", what, c[0], c[1])
		}
	}
	if s.name != "final" || s.from.Pos.Line != 3 {
		t.Errorf("stage name %q, FROM at line %d", s.name, s.from.Pos.Line)
	}
}

func TestEvalDockerfileUnresolvedBase(t *testing.T) {
	df := ParseDockerfile("Dockerfile", []byte("ARG BASE\nFROM ${BASE}\nCOPY app /app\n"))
	stages, _ := evalDockerfile(df, nil)
	if isKnown(stages[0].from.Value) {
		t.Errorf("FROM ${BASE} with no value resolved to %q", stages[0].from.Value)
	}
	stages, _ = evalDockerfile(df, map[string]string{"BASE": "alpine:3.20"})
	if stages[0].from.Value != "alpine:3.20" {
		t.Errorf("FROM ${BASE} with --build-arg BASE=alpine:3.20: %q", stages[0].from.Value)
	}
}

func TestLeaves(t *testing.T) {
	df := ParseDockerfile("Dockerfile", []byte(`FROM golang AS build
FROM build AS test
FROM alpine AS release
COPY --from=build /a /a
FROM alpine AS debug
COPY --from=1 /a /a
`))
	stages, _ := evalDockerfile(df, nil)
	var names []string
	for _, s := range leaves(stages) {
		names = append(names, s.name)
	}
	if want := []string{"release", "debug"}; !reflect.DeepEqual(names, want) {
		t.Errorf("leaves %v, want %v", names, want)
	}
	if stages[1].parent != stages[0] || stages[1].base() != stages[0] {
		t.Errorf("FROM build: parent not linked")
	}
}

// FuzzParseDockerfile: any input is read without a crash, every
// instruction's lines are within the file, and evaluating the stages
// neither crashes nor loops.
func FuzzParseDockerfile(f *testing.F) {
	for _, seed := range []string{
		"FROM golang:1.22 AS b\nRUN go build -o /x .\nFROM scratch\nCOPY --from=b /x /x\n",
		"# escape=`\nFROM a\nRUN x `\n y\n",
		"FROM a\nRUN <<EOF\nbody\nEOF\nCOPY <<-X /f\n\tz\n\tX\n",
		"ARG B=${C:-d}\nFROM ${B}\nENV A=\"$B\" B='x'\nUSER ${U:+$A}\n",
		"FROM a\nRUN [\"sh\", \"-c\", \"CGO_ENABLED=0 go build\"]\n",
		"FROM a\nRUN cd /x && make a b=c\nCOPY --from=0 /x/ /y/\n",
		"\\\n\\",
		"FROM $(\nRUN ${\nCOPY \"\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		df := ParseDockerfile("Dockerfile", []byte(src))
		lines := strings.Count(src, "\n") + 1
		for _, in := range df.Instructions {
			if in.Line < 1 || in.Line > lines || in.EndLine < in.Line || in.EndLine > lines {
				t.Fatalf("instruction %s at lines %d-%d of %d", in.Cmd, in.Line, in.EndLine, lines)
			}
		}
		stages, _ := evalDockerfile(df, nil)
		d := &discovery{root: "/nonexistent-scratchvet-fuzz", res: &Result{}, mains: map[string]*Main{}, makefiles: map[string]*Makefile{}}
		for _, leaf := range leaves(stages) {
			d.binariesIn(stages, leaf, dockerInvocation{context: "."})
			d.imageOf(stages, leaf, dockerInvocation{context: "."})
		}
	})
}
