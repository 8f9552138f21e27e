// A library calling LoadLocation: silent, its binaries decide.
package library

import "time"

func NewYork() (*time.Location, error) { return time.LoadLocation("America/New_York") }
