package main

import (
	"lib/spool" // want `this import links lib/spool at spool/spool.go:5:39, which creates a file with os.CreateTemp\(...\)`
)

func main() { spool.New() }
