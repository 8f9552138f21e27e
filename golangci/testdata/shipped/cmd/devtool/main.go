// Command devtool is a developer's tool: no Dockerfile ships it, so only
// the checks that judge the code alone (skipverify) run on it.
package main

import (
	"crypto/tls"
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Getenv("ZONE"))
	fmt.Println(loc, err)
	conf := &tls.Config{InsecureSkipVerify: true} // want `InsecureSkipVerify: true accepts any certificate`
	fmt.Println(conf)
}
