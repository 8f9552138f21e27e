// Command zones loads a time zone; its Dockerfile ships it on Alpine
// without tzdata.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Getenv("ZONE")) // want `time.LoadLocation fails on alpine \(Dockerfile:6\): "unknown time zone"`
	fmt.Println(loc, err)
}
