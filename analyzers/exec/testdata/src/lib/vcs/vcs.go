package vcs

import "os/exec"

func Head() ([]byte, error) { return exec.Command("git", "rev-parse", "HEAD").Output() }

func Shell(script string) error { return exec.Command("sh", "-c", script).Run() }
