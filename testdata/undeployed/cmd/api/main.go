// Command api ships in the Dockerfile's Alpine image.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Getenv("ZONE"))
	fmt.Println(loc, err)
}
