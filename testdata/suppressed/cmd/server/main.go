// Command server has demo's mistakes, each silenced by a directive (one
// directive lacks its reason, so it silences nothing), for the end-to-end
// tests of suppressions.
//
//scratchvet:file-ignore dynlink the Dockerfile links with -extldflags -static
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net/http"
	"os/user"
	"time"
)

func main() {
	u, err := user.Current()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("running as", u.Username)

	//scratchvet:ignore caroots the image ships ca-certificates
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:scratchvet // a test endpoint with a self-signed certificate
	}}
	resp, err := client.Get("https://api.example.com/jobs")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()

	loc, err := time.LoadLocation("Europe/Paris") //scratchvet:ignore tzdata
	fmt.Println(loc, err)
}

// stale silences nothing: only -unused-suppressions reports it.
func stale() string {
	return "nothing to see" //nolint:dns // there used to be a lookup here
}

// staleAll silences nothing for any check: only -unused-suppressions,
// with every check run, reports it.
func staleAll() string {
	return "nothing here either" //nolint:scratchvet // there used to be a user lookup here
}
