package main

import (
	"fmt"
	"time"
)

func main() {
	loc, err := time.LoadLocation("America/New_York") // want `^time.LoadLocation fails on scratch: "unknown time zone" \(no zoneinfo; time/tzdata not embedded\)$`
	fmt.Println(loc, err)
	zone := "Europe/Paris"
	fmt.Println(time.LoadLocation(zone)) // want `^time.LoadLocation fails on scratch`
}
