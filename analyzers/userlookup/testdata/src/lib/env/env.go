// Package env reads the environment through a list of known variables, as
// tracing libraries do (dd-trace-go's internal/env).
package env

import "os"

func Get(name string) string { return os.Getenv(name) }
