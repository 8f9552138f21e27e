package main

import (
	"fmt"

	"lib/zones" // want `^time.LoadLocation in lib/zones fails on scratch: "unknown time zone" \(no zoneinfo; time/tzdata not embedded\)$`
)

func main() {
	fmt.Println(zones.Paris())
}
