package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The editor configurations of docs/editors.md, run as the page gives
// them: the code blocks marked <!-- tested: NAME --> are extracted and run
// in the editor with the built server on PATH, on a copy of testdata/demo,
// with target distroless-static: each test waits for the skipverify
// finding, whose message names that target (so the settings reached the
// server). They skip, saying why, when the editor is not installed.

// needTool returns the path of an editor the test drives; when it is
// missing the test skips, saying how to install it, except in CI
// (CI=true), where it fails.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed (%s)", name, install)
		}
		t.Skipf("%s not installed (%s)", name, install)
	}
	return path
}

// snippet returns the code block after <!-- tested: name in docs/editors.md.
func snippet(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "editors.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "<!-- tested: "+name+" ")
	if i < 0 {
		t.Fatalf("docs/editors.md has no block marked tested: %s", name)
	}
	rest := doc[i:]
	start := strings.Index(rest, "```")
	body := rest[start+3:]
	body = body[strings.Index(body, "\n")+1:]
	end := strings.Index(body, "```")
	if start < 0 || end < 0 {
		t.Fatalf("docs/editors.md: no code block after tested: %s", name)
	}
	return body[:end]
}

// editorEnv returns the environment of an editor run: the built server
// (bin, a wrapper named scratchvet) first on PATH, a fresh HOME (with the
// go command's caches where they were: a cold build cache would compile
// the standard library).
func editorEnv(t *testing.T, bin string) []string {
	return append(goCaches(t), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"), "HOME="+t.TempDir())
}

// goCaches returns the environment with GOCACHE, GOMODCACHE and GOPATH
// set to the go command's values, for a child process with another HOME.
func goCaches(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	v := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(v) != 3 {
		t.Fatalf("go env: %q", out)
	}
	return append(os.Environ(), "GOCACHE="+v[0], "GOMODCACHE="+v[1], "GOPATH="+v[2])
}

// serverBinary returns the server as the editor configurations run it: a
// file named scratchvet (a wrapper logging its stderr to log).
func serverBinary(t *testing.T) (bin, log string) {
	bin, log = wrapServer(t, buildBinary(t))
	if filepath.Base(bin) != "scratchvet" {
		t.Fatalf("built %s, want a file named scratchvet", bin)
	}
	return bin, log
}

const distrolessFinding = "distroless-static"

// runNeovim runs headless Neovim 0.7+ with init.lua on the file, and
// testclients/nvim/expect.lua, which waits for a scratchvet diagnostic
// whose message contains distrolessFinding.
func runNeovim(t *testing.T, init, file string, env []string, serverLog string) {
	t.Helper()
	if testing.Short() {
		t.Skip("real client: not in -short mode")
	}
	nvim := needTool(t, "nvim", "apt-get install neovim")
	dir := t.TempDir()
	initFile := filepath.Join(dir, "init.lua")
	if err := os.WriteFile(initFile, []byte(init), 0o644); err != nil {
		t.Fatal(err)
	}
	expect, _ := filepath.Abs(filepath.Join("testclients", "nvim", "expect.lua"))
	cmd := exec.Command(nvim, "--headless", "-u", initFile, "-i", "NONE", "-n", file, "-c", "luafile "+expect)
	cmd.Env = append(env, "EXPECT="+distrolessFinding)
	cmd.Dir = filepath.Dir(file)
	runClient(t, cmd, serverLog)
}

// TestNeovimSnippet: the Neovim 0.7 configuration of docs/editors.md.
func TestNeovimSnippet(t *testing.T) {
	init := snippet(t, "nvim-0.7")
	bin, log := serverBinary(t)
	ws := demoCopy(t)
	runNeovim(t, init, filepath.Join(ws, "cmd", "server", "main.go"), editorEnv(t, bin), log)
}

// TestNvimLspconfigTable: editors/nvim-lspconfig/lsp/scratchvet.lua, the
// table for nvim-lspconfig, starts the server in Neovim 0.7 from its cmd,
// filetypes and root_markers (what vim.lsp.enable does in 0.11).
func TestNvimLspconfigTable(t *testing.T) {
	table, _ := filepath.Abs(filepath.Join("..", "editors", "nvim-lspconfig", "lsp", "scratchvet.lua"))
	init := `local cfg = dofile(os.getenv('LSPCONFIG_FILE'))
assert(cfg.cmd and cfg.filetypes and cfg.root_markers, 'the table lacks cmd, filetypes or root_markers')
vim.api.nvim_create_autocmd('FileType', {
  pattern = cfg.filetypes,
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local root
    for _, m in ipairs(cfg.root_markers) do
      local f = vim.fn.findfile(m, dir .. ';')
      if f ~= '' then
        root = vim.fn.fnamemodify(f, ':p:h')
        break
      end
    end
    local id = vim.lsp.start_client({ name = 'scratchvet', cmd = cfg.cmd, root_dir = root,
      init_options = { target = 'distroless-static' } })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
`
	bin, log := serverBinary(t)
	ws := demoCopy(t)
	runNeovim(t, init, filepath.Join(ws, "cmd", "server", "main.go"), append(editorEnv(t, bin), "LSPCONFIG_FILE="+table), log)
}

// TestEmacsEglot: the eglot configuration of docs/editors.md in Emacs
// (Debian 12: emacs-nox 28.2 with elpa-eglot and elpa-go-mode).
func TestEmacsEglot(t *testing.T) {
	if testing.Short() {
		t.Skip("real client: not in -short mode")
	}
	emacs := needTool(t, "emacs", "apt-get install emacs-nox elpa-eglot elpa-go-mode")
	init := snippet(t, "eglot")
	bin, log := serverBinary(t)
	ws := demoCopy(t)
	dir := t.TempDir()
	initFile := filepath.Join(dir, "init.el")
	if err := os.WriteFile(initFile, []byte(init), 0o644); err != nil {
		t.Fatal(err)
	}
	driver, _ := filepath.Abs(filepath.Join("testclients", "emacs", "expect.el"))
	// An interactive Emacs activates the installed packages (Debian's elpa-*)
	// before the init file; in batch mode that is asked for.
	cmd := exec.Command(emacs, "--batch", "--eval", "(package-initialize)", "-l", initFile, "-l", driver)
	cmd.Env = append(editorEnv(t, bin), "EXPECT="+distrolessFinding, "GOFILE="+filepath.Join(ws, "cmd", "server", "main.go"))
	cmd.Dir = ws
	runClient(t, cmd, log)
}

// TestMasonPackage: editors/mason/package.yaml has the keys the Mason
// registry requires, and names this module's command, license and
// nvim-lspconfig configuration.
func TestMasonPackage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "editors", "mason", "package.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Name        string              `yaml:"name"`
		Description string              `yaml:"description"`
		Homepage    string              `yaml:"homepage"`
		Licenses    []string            `yaml:"licenses"`
		Languages   []string            `yaml:"languages"`
		Categories  []string            `yaml:"categories"`
		Source      struct{ ID string } `yaml:"source"`
		Bin         map[string]string   `yaml:"bin"`
		Neovim      struct {
			Lspconfig string `yaml:"lspconfig"`
		} `yaml:"neovim"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&pkg); err != nil {
		t.Fatalf("package.yaml: %v", err)
	}
	if pkg.Name != "scratchvet" || pkg.Description == "" || !strings.HasPrefix(pkg.Homepage, "https://") ||
		len(pkg.Languages) != 1 || pkg.Languages[0] != "Go" {
		t.Errorf("name, description, homepage or languages: %+v", pkg)
	}
	for _, c := range pkg.Categories {
		switch c {
		case "LSP", "Linter", "DAP", "Formatter", "Runtime", "Compiler":
		default:
			t.Errorf("category %q is not one of Mason's", c)
		}
	}
	license, _ := os.ReadFile(filepath.Join("..", "LICENSE"))
	if len(pkg.Licenses) != 1 || pkg.Licenses[0] != "BSD-3-Clause" || !strings.Contains(string(license), "Neither the name of the copyright holder") {
		t.Errorf("licenses %v: want BSD-3-Clause, the license in LICENSE", pkg.Licenses)
	}
	gomod, _ := os.ReadFile(filepath.Join("..", "go.mod"))
	module := regexp.MustCompile(`(?m)^module (\S+)`).FindSubmatch(gomod)
	want := regexp.MustCompile(`^pkg:golang/` + regexp.QuoteMeta(string(module[1])) + `@v\d+\.\d+\.\d+#(.+)$`)
	m := want.FindStringSubmatch(pkg.Source.ID)
	if m == nil {
		t.Fatalf("source.id %q: want pkg:golang/%s@vX.Y.Z#DIR", pkg.Source.ID, module[1])
	}
	if main, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(m[1]), "main.go")); err != nil || !strings.Contains(string(main), "package main") {
		t.Errorf("source.id's %s is not the command: %v", m[1], err)
	}
	if pkg.Bin["scratchvet"] != "golang:scratchvet" || len(pkg.Bin) != 1 {
		t.Errorf("bin %v: want scratchvet: golang:scratchvet", pkg.Bin)
	}
	if _, err := os.Stat(filepath.Join("..", "editors", "nvim-lspconfig", "lsp", pkg.Neovim.Lspconfig+".lua")); err != nil {
		t.Errorf("neovim.lspconfig %q: %v", pkg.Neovim.Lspconfig, err)
	}
}
