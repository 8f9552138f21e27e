// A package that registers fallback roots, whatever its name, gives the
// binary roots as x509roots/fallback does.
package main

import (
	_ "embedroots"
	"net/http"
)

func main() {
	http.Get("https://api.example.com/")
}
