// Near misses: an explicit directory, a directory that is not constant.
package main

import "os"

func main() {
	os.CreateTemp("/data", "x")
	os.MkdirTemp(os.Getenv("WORK"), "x")
	os.Create("/data/out")
	_ = os.TempDir() // read, never written to
}
