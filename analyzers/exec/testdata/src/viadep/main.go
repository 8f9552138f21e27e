package main

import "lib/vcs" // want `this import links lib/vcs at vcs/vcs.go:5:38, which runs exec.Command\("git"\).*: exec.Command\("git"\) fails on scratch` `this import links lib/vcs at vcs/vcs.go:7:42, which runs exec.Command\("sh"\)`

func main() {
	vcs.Head()
	vcs.Shell("true")
}
