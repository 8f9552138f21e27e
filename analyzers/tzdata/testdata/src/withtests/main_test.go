package main

import (
	"testing"
	"time"
)

// Test code is not deployed: not reported.
func TestZone(t *testing.T) {
	if _, err := time.LoadLocation("America/New_York"); err != nil {
		t.Skip(err)
	}
}
