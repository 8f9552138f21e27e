// No linked package calls C: static even with CGO_ENABLED=1 (FACTS.md b-cgo1/tz).
package main

import (
	"fmt"
	"time"
)

func main() { fmt.Println(time.Now()) }
