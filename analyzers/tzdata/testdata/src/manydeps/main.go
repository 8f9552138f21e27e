// Command manydeps links six packages that look time zones up: the
// summary keeps four causes, so the count of the others is a lower bound.
package main

import (
	"fmt"

	"many/a" // want `^time.LoadLocation in many/a \(and at least 3 more\) fails on scratch`
	"many/b"
	"many/c"
	"many/d"
	"many/e"
	"many/f"
)

func main() {
	fmt.Println(a.Zone("Europe/Paris"))
	fmt.Println(b.Zone("Europe/Paris"))
	fmt.Println(c.Zone("Europe/Paris"))
	fmt.Println(d.Zone("Europe/Paris"))
	fmt.Println(e.Zone("Europe/Paris"))
	fmt.Println(f.Zone("Europe/Paris"))
}
