package main

import "plugin" // want `importing "plugin" links plugin's dlopen .*plugin needs a dynamic binary`

func main() { plugin.Open("x.so") }
