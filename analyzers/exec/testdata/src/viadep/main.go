package main

import "lib/vcs" // want `^exec.Command\("git"\) in lib/vcs fails on scratch: \x60exec: "git": executable file not found in \$PATH\x60$` `^exec.Command\("sh"\) in lib/vcs fails on scratch`

func main() {
	vcs.Head()
	vcs.Shell("true")
}
