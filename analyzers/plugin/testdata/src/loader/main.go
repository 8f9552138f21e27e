package main

import (
	"fmt"
	"plugin"
)

func main() {
	p, err := plugin.Open("/plugins/greeter.so") // want `^plugin.Open always fails in this build: "plugin: not implemented" \(CGO_ENABLED=0\)$`
	fmt.Println(p, err)
}
