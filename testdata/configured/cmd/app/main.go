// Command app has one finding of each configured severity; its test
// helper and the examples are excluded by scratchvet.toml.
package main

import (
	"crypto/tls"
	"fmt"
	"time"

	"example.com/configured/internal/testserver"
)

func main() {
	loc, err := time.LoadLocation("Europe/Paris")
	fmt.Println(loc, err)

	conf := &tls.Config{InsecureSkipVerify: true}
	fmt.Println(conf.ServerName, testserver.Config().ServerName)
}
