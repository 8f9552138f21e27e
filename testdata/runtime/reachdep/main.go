// Command reachdep is a near-miss for reachability: it links package
// zones, which calls time.LoadLocation("America/New_York"),
// user.LookupId and exec.Command("git"), but reaches only zones.UTC. It
// works on every target, so tzdata, userlookup and exec must stay silent.
package main

import (
	"example.com/runtime/internal/report"
	"example.com/runtime/internal/zones"
)

func main() {
	utc, err := zones.UTC()
	detail := ""
	if err == nil {
		detail = utc.String()
	}
	report.Result("tzdata", `zones.UTC()`, detail, err)
	report.Done()
}
