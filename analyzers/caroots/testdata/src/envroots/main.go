// SSL_CERT_FILE set in an init function names the roots the program uses.
package main

import (
	_ "envcerts"
	"net/http"
)

func main() {
	http.Get("https://api.example.com/")
}
