package main

import (
	"log"

	"example.com/configs/mid"
)

func main() {
	if err := mid.G(); err != nil {
		log.Fatal(err)
	}
}
