// Package sdk is a client library: never reported itself.
package sdk

import "net/http"

func Fetch(url string) (*http.Response, error) { return http.DefaultClient.Get(url) }
