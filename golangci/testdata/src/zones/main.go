// Command zones loads time zones: it needs a zone database on the target.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Getenv("ZONE")) // want `^time.LoadLocation fails on scratch: "unknown time zone"`
	fmt.Println(loc, err)

	//scratchvet:ignore tzdata the image copies /usr/share/zoneinfo
	paris, _ := time.LoadLocation("Europe/Paris")
	tokyo, _ := time.LoadLocation("Asia/Tokyo") //nolint:scratchvet // ditto
	fmt.Println(paris, tokyo)
}
