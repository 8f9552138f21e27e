package main

import (
	"fmt"
	"time"
)

func main() {
	loc, err := time.LoadLocation("America/New_York") // want `time.LoadLocation\(\.\.\.\) needs the time zone database: target scratch has no /usr/share/zoneinfo and this binary does not embed time/tzdata`
	fmt.Println(loc, err)
	zone := "Europe/Paris"
	fmt.Println(time.LoadLocation(zone)) // want `time.LoadLocation\(\.\.\.\) needs the time zone database`
}
