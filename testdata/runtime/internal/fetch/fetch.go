// Package fetch reports the result of an HTTP request. The fixtures make
// the request themselves, with a literal URL, as a program would, so that a
// checker sees the scheme; this package only prints the outcome. It is
// separate from package report because importing net/http links package
// net, which makes a CGO_ENABLED=1 binary dynamic: fixtures that must stay
// static (tz, nocgo) import only report.
package fetch

import (
	"fmt"
	"io"
	"net/http"

	"example.com/runtime/internal/report"
)

// Report prints the outcome of a GET of url for check, with "<status>
// <body>" as detail, and closes the body.
func Report(check, url string, resp *http.Response, err error) {
	op := "GET " + url
	if err != nil {
		report.Result(check, op, "", err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 200))
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("unexpected status %s", resp.Status)
	}
	report.Result(check, op, fmt.Sprintf("%s %q", resp.Status, body), err)
}
