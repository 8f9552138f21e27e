package main

import ("fmt"; "time")

func main() {
	fmt.Println(time.LoadLocation("Europe/Paris")) // want `time.LoadLocation\(\.\.\.\) needs the time zone database`
}
