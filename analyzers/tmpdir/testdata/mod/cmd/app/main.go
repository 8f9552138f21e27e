package main

import (
	"example.com/app/internal/handlers" // want `this import links example.com/app/internal/handlers at handlers/handlers.go:7:12: \.FormFile\(...\) fails on scratch for uploads above maxMemory`
	"example.com/fw/web"
)

func main() {
	handlers.Upload(&web.Context{})
}
