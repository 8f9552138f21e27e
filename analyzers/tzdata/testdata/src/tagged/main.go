// Built with -tags timetzdata, package time imports time/tzdata itself.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(time.LoadLocation("America/New_York"))
}
