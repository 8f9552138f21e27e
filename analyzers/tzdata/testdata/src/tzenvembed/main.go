// TZ works everywhere with the database embedded.
package main

import (
	"fmt"
	"time"
	_ "time/tzdata"
)

func main() {
	fmt.Println(time.Now().Format(time.Kitchen))
}
