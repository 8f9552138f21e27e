package main

import "lib/vcs" // want `^exec.Command\("git"\) in lib/vcs fails on scratch: "exec: "git": executable file not found in \$PATH"$` `^exec.Command\("sh"\) in lib/vcs fails on scratch`

func main() {
	vcs.Head()
	vcs.Shell("true")
}
