// Package mid has the same files in every build configuration, but what
// it reaches through dep differs: its summary must not be reused blindly.
package mid

import "example.com/configs/dep"

func G() error { return dep.F() }
