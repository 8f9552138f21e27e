package main

import "lib/shell" // want `^exec.Command\("getent"\) in lib/shell fails on scratch`

func main() {
	shell.Shell()
}
