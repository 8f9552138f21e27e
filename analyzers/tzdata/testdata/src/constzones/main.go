// Zones that need no database: "", "UTC" and "Local" (time.LoadLocation's doc).
package main

import (
	"fmt"
	"time"
)

const utc = "UTC"

func main() {
	fmt.Println(time.LoadLocation("UTC"))
	fmt.Println(time.LoadLocation(""))
	fmt.Println(time.LoadLocation("Local"))
	fmt.Println(time.LoadLocation(utc))
}
