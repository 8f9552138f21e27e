// Package schedule computes run times in the operator's time zone.
package schedule

import "time"

// NextRun returns the next 03:00 in zone.
func NextRun(zone string) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, err
	}
	now := time.Now().In(loc)
	next := time.Date(now.Year(), now.Month(), now.Day(), 3, 0, 0, 0, loc)
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next, nil
}
