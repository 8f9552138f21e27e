package main

import _ "lib/viainit" // want `this import links lib/viainit at viainit/viainit.go:\d+:\d+, which calls user.Current\(\.\.\.\) \(reach/initonly → lib/viainit\): target scratch has no /etc/passwd`

func main() {}
