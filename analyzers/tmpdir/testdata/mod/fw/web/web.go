// Package web stands for a web framework whose context wraps multipart
// parsing: linked whether or not the program takes uploads.
package web

import (
	"mime/multipart"
	"net/http"
)

type Context struct{ Request *http.Request }

func (c *Context) FormFile(name string) (*multipart.FileHeader, error) {
	if err := c.Request.ParseMultipartForm(32 << 20); err != nil {
		return nil, err
	}
	_, h, err := c.Request.FormFile(name)
	return h, err
}
