package e

import "time"

// Zone looks a zone up.
func Zone(name string) (*time.Location, error) { return time.LoadLocation(name) }
