// Command indexer builds the search index with a C library.
package main

/*
static int version(void) { return 3; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println("index format", C.version())
}
