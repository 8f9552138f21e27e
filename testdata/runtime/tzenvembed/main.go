// Command tzenvembed is tzenv with the zone database embedded: TZ works on
// every image (a near-miss for the tzdata check).
package main

import (
	"errors"
	"os"
	"strings"
	"time"
	_ "time/tzdata"

	"example.com/runtime/internal/report"
)

func main() {
	tz, set := os.LookupEnv("TZ")
	zone := strings.TrimPrefix(tz, ":")
	local := time.Now().Format("MST -0700") + " (" + time.Local.String() + ")"
	var err error
	if set && zone != "" && zone != "UTC" && time.Local.String() != zone {
		err = errors.New("time.Local is " + time.Local.String() + ", not TZ=" + tz)
	}
	report.Result("tzdata", "time.Local with TZ="+tz, local, err)
	report.Done()
}
