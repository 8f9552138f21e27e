// Command server is a small service with the mistakes scratchvet catches
// when it is shipped FROM scratch.
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net/http"
	"os/user"

	"example.com/demo/internal/schedule"
)

func main() {
	u, err := user.Current()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("running as", u.Username)

	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
	resp, err := client.Get("https://api.example.com/jobs")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()

	next, err := schedule.NextRun("Europe/Paris")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("next run:", next)
}
