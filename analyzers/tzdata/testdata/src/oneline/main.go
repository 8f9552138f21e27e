package main

import ("fmt"; "time")

func main() {
	fmt.Println(time.LoadLocation("Europe/Paris")) // want `^time.LoadLocation fails on scratch: "unknown time zone"`
}
