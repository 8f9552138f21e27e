package spool

import "os"

func New() (*os.File, error) { return os.CreateTemp("", "spool-*") }
