package main

import (
	"lib/spool" // want `^os.CreateTemp in lib/spool fails on scratch: "open /tmp/...: no such file or directory" \(no /tmp, TMPDIR unset\)$`
)

func main() { spool.New() }
