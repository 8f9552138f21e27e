package main

import (
	"example.com/app/internal/handlers" // want `^FormFile in internal/handlers fails on scratch for uploads above maxMemory: "open /tmp/multipart-...: no such file or directory" \(no /tmp, TMPDIR unset\)$`
	"example.com/fw/web"
)

func main() {
	handlers.Upload(&web.Context{})
}
