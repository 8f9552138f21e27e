// No linked package calls C: static even with CGO_ENABLED=1 (docs/FACTS.md#starting-at-all-loader-and-libc).
package main

import (
	"fmt"
	"time"
)

func main() { fmt.Println(time.Now()) }
