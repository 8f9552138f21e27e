package main // want `time.Local is UTC on "scratch,tz=America/New_York": TZ=America/New_York names a zone, but there is no zoneinfo and time/tzdata is not embedded`

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(time.Now().Format(time.Kitchen))
}
