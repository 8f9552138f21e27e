// Command tz loads a named time zone from the system zoneinfo database.
// Without /usr/share/zoneinfo in the image, and with neither
// `import _ "time/tzdata"` nor `-tags timetzdata`, LoadLocation fails with
// "unknown time zone". Built with -tags timetzdata it is the near-miss
// "tztag": the database is embedded and it works everywhere.
package main

import (
	"time"

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
