// Command webapp is a web application that shows each user's calendar in
// their own time zone.
package main

import (
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
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		loc, err := time.LoadLocation(r.URL.Query().Get("tz"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "%s: %s\n", u.Username, time.Now().In(loc))
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
