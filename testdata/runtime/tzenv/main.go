// Command tzenv reports the local time zone that $TZ selects. Without
// zoneinfo and without an embedded database, the zone cannot be loaded and
// time.Local is silently UTC: no error anywhere.
package main

import (
	"errors"
	"os"
	"strings"
	"time"

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
