package vettool

import "runtime"

// goarch is the architecture the tool was built for, the default for
// type sizes when GOARCH is not set.
const goarch = runtime.GOARCH
