package main

import "os/exec"

// A //line directive may name a line past the end of the file; a
// suppression directive after it is read from the text (it panicked).

//line main.go:900
func main() {
	//nolint:tmpdir // names another check: the finding below stays
	exec.Command("git", "status").Run() // want `exec.Command\("git"\) fails on scratch`
	//nolint:exec // silenced on its own line
	exec.Command("sh", "-c", "true").Run()
}
