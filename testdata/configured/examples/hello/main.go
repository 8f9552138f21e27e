// Command hello is sample code: [exclude] all covers it.
package main

import (
	"crypto/tls"
	"fmt"
	"time"
)

func main() {
	loc, err := time.LoadLocation("Asia/Tokyo")
	fmt.Println(loc, err, &tls.Config{InsecureSkipVerify: true})
}
