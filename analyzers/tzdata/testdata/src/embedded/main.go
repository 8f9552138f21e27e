package main

import (
	"fmt"
	"time"
	_ "time/tzdata"
)

func main() {
	fmt.Println(time.LoadLocation("America/New_York"))
}
