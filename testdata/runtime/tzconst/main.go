// Command tzconst is a near-miss for the tzdata check: the constant zone
// names "UTC", "" and "Local" are resolved by package time itself and never
// read the zoneinfo database, and time.FixedZone needs no database at all.
// The names are literals on purpose: a checker can only clear a constant.
package main

import (
	"time"

	"example.com/runtime/internal/report"
)

func main() {
	utc, err := time.LoadLocation("UTC")
	report.Result("tzdata", `LoadLocation("UTC")`, name(utc), err)
	empty, err := time.LoadLocation("")
	report.Result("tzdata", `LoadLocation("")`, name(empty), err)
	local, err := time.LoadLocation("Local")
	report.Result("tzdata", `LoadLocation("Local")`, name(local), err)
	fixed := time.FixedZone("UTC+2", 2*60*60)
	report.Result("tzdata", "FixedZone(UTC+2)", time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC).In(fixed).Format("15:04 MST"), nil)
	report.Done()
}

func name(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	return loc.String()
}
