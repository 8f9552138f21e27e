// Command zones loads a time zone; its Dockerfile ships it on Alpine
// without tzdata.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Getenv("ZONE")) // want `time.LoadLocation\(...\) needs the time zone database: target alpine \(Dockerfile:6\) has no /usr/share/zoneinfo`
	fmt.Println(loc, err)
}
