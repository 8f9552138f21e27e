package main

import (
	"fmt"

	"github.com/acme/fallback"
)

func main() { fmt.Println(fallback.Hostname()) }
