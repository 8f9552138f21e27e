// Command tzembed is a near-miss for the tzdata check: it loads a named
// zone, but embeds the zoneinfo database by importing time/tzdata, so it
// works in an image without /usr/share/zoneinfo.
package main

import (
	"time"
	_ "time/tzdata"

	"example.com/runtime/internal/report"
)

func main() {
	loc, err := time.LoadLocation("America/New_York")
	detail := ""
	if err == nil {
		detail = time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC).In(loc).Format("2006-01-02 15:04 MST")
	}
	report.Result("tzdata", "LoadLocation(America/New_York)", detail, err)
	report.Done()
}
