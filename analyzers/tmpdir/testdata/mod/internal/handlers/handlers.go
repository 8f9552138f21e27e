// Package handlers is the program's own code: its upload handler counts.
package handlers

import "example.com/fw/web"

func Upload(c *web.Context) error {
	_, err := c.FormFile("file")
	return err
}
