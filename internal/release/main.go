// Command release builds scratchvet's release archives: static binaries
// (CGO_ENABLED=0, -trimpath) for each platform, each in a .tar.gz (a .zip
// for windows) with LICENSE, README.md and CHANGELOG.md, and a SHA-256
// checksums file in the format `sha256sum -c` reads.
//
//	go run ./internal/release -version v0.2.0 [-out dist] [-platforms linux/amd64,...]
//
// The output is reproducible: the same source, version, commit, date and Go
// toolchain give the same bytes, wherever the tree is. The archives' file
// times are the commit's (or $SOURCE_DATE_EPOCH), their owners root, their
// order fixed; the binaries carry no paths (-trimpath) and no VCS state
// (-buildvcs=false: the version and commit are stamped with -ldflags -X).
// make release runs it; docs/release.md describes a release.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// DefaultPlatforms are the platforms a release ships.
var DefaultPlatforms = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

func main() {
	var cfg Config
	var platforms, date string
	flag.StringVar(&cfg.Version, "version", "", "the version to stamp, vMAJOR.MINOR.PATCH[-PRERELEASE] (required)")
	flag.StringVar(&cfg.Commit, "commit", "", "the commit to stamp (default: git rev-parse HEAD in -src)")
	flag.StringVar(&date, "date", os.Getenv("SOURCE_DATE_EPOCH"), "the archives' file time, in seconds since 1970 (default: $SOURCE_DATE_EPOCH, else the commit's time)")
	flag.StringVar(&cfg.Src, "src", ".", "the source tree (the module root)")
	flag.StringVar(&cfg.Out, "out", "dist", "the directory to write the archives and checksums to")
	flag.StringVar(&platforms, "platforms", strings.Join(DefaultPlatforms, ","), "comma-separated GOOS/GOARCH pairs")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./internal/release -version vX.Y.Z [flags]\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected argument %q", flag.Arg(0)))
	}
	cfg.Platforms = strings.Split(platforms, ",")
	if cfg.Commit == "" {
		cfg.Commit = git(cfg.Src, "rev-parse", "HEAD")
	}
	if date == "" {
		date = git(cfg.Src, "log", "-1", "--format=%ct", "HEAD")
	}
	if date == "" {
		fail(fmt.Errorf("no -date, $SOURCE_DATE_EPOCH or git commit to date the archives with"))
	}
	secs, err := strconv.ParseInt(date, 10, 64)
	if err != nil {
		fail(fmt.Errorf("-date %q: not a number of seconds", date))
	}
	cfg.Date = time.Unix(secs, 0).UTC()
	cfg.Log = os.Stderr
	files, err := Build(cfg)
	if err != nil {
		fail(err)
	}
	for _, f := range files {
		fmt.Println(f)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "release: %v\n", err)
	os.Exit(2)
}

// git runs a git command in dir and returns its output, or "" when it fails
// (no git, not a checkout).
func git(dir string, args ...string) string {
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
