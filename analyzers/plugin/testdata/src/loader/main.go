package main

import (
	"fmt"
	"plugin"
)

func main() {
	p, err := plugin.Open("/plugins/greeter.so") // want `plugin.Open\(\.\.\.\) cannot load plugins: plugin is built without cgo \(CGO_ENABLED=0\), so plugin.Open always returns "plugin: not implemented", on every target \(here scratch\)`
	fmt.Println(p, err)
}
