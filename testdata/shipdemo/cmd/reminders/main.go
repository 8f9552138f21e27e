// Command reminders sends each user a reminder at 09:00 in their own time
// zone, through an HTTPS notification service.
package main

import (
	"log"
	"net/http"
	"net/url"
	"time"
)

func main() {
	http.HandleFunc("/remind", func(w http.ResponseWriter, r *http.Request) {
		loc, err := time.LoadLocation(r.URL.Query().Get("tz"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		at := time.Now().In(loc).Truncate(24 * time.Hour).Add(9 * time.Hour)
		resp, err := http.PostForm("https://notify.example.com/v1/schedule", url.Values{"at": {at.Format(time.RFC3339)}})
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		resp.Body.Close()
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
