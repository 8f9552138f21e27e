package main

import (
	"net/http"

	_ "golang.org/x/crypto/x509roots/fallback"
)

func main() { http.Get("https://example.com/") }
