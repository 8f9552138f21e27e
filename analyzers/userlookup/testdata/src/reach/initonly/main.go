package main

import _ "lib/viainit" // want `^user.Current in lib/viainit fails on scratch: "[^"]*"( \([^()]*\))?$`

func main() {}
