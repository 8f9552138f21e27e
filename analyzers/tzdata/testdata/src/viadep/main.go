package main

import (
	"fmt"

	"lib/zones" // want `this import links lib/zones at zones/zones.go:8:9, which calls time.LoadLocation\(\.\.\.\) \(viadep → lib/zones\): target scratch has no /usr/share/zoneinfo`
)

func main() {
	fmt.Println(zones.Paris())
}
