package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The real-client tests drive the built scratchvet binary from the clients
// users have: headless Neovim (Debian 12's neovim 0.7.2, through
// vim.lsp.start_client) and Node's vscode-languageserver-protocol (the
// library under VS Code's client). Each opens a copy of testdata/demo,
// receives the tzdata diagnostic, applies its quick fix and sees the
// diagnostic go. They skip, saying why, when the client is not installed.

// demoCopy copies testdata/demo into a temporary directory (the clients
// edit it).
func demoCopy(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "demo")
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestNeovim(t *testing.T) {
	if testing.Short() {
		t.Skip("real client: not in -short mode")
	}
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not installed (apt-get install neovim)")
	}
	bin, log := wrapServer(t, buildBinary(t))
	ws := demoCopy(t)
	script, _ := filepath.Abs(filepath.Join("testclients", "nvim", "client.lua"))
	cmd := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Env = append(goCaches(t), "SCRATCHVET="+bin, "WORKSPACE="+ws, "HOME="+t.TempDir())
	cmd.Dir = ws
	runClient(t, cmd, log)
}

func TestNodeClient(t *testing.T) {
	if testing.Short() {
		t.Skip("real client: not in -short mode")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	dir, _ := filepath.Abs(filepath.Join("testclients", "node"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "vscode-languageserver-protocol")); err != nil {
		t.Skip("run `npm ci` in lsp/testclients/node first")
	}
	bin, log := wrapServer(t, buildBinary(t))
	ws := demoCopy(t)
	cmd := exec.Command(node, filepath.Join(dir, "client.mjs"), bin, ws)
	cmd.Dir = dir
	runClient(t, cmd, log)
}
