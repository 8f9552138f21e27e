package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFrom(t *testing.T) {
	checkout := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/scratchvet/scratchvet", Version: "v0.0.0-20261204150000-8e1fd3b0c1d2+dirty"},
		Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "arm64"},
			{Key: "vcs.revision", Value: "8e1fd3b0c1d2aaaa"}, {Key: "vcs.time", Value: "2026-12-04T15:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	for _, c := range []struct {
		name          string
		bi            *debug.BuildInfo
		stamp, commit string
		want          string
	}{
		{"go install @v", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"},
			Settings: []debug.BuildSetting{{Key: "GOOS", Value: "darwin"}, {Key: "GOARCH", Value: "amd64"}}},
			"", "", "scratchvet v1.2.3\nbuilt with go1.26.0 for darwin/amd64\n"},
		{"checkout", checkout, "", "",
			"scratchvet v0.0.0-20261204150000-8e1fd3b0c1d2+dirty\ncommit 8e1fd3b0c1d2aaaa (2026-12-04T15:00:00Z, modified)\nbuilt with go1.26.0 for linux/arm64\n"},
		{"release stamp wins", checkout, "v1.3.0", "ffff",
			"scratchvet v1.3.0\ncommit ffff (2026-12-04T15:00:00Z, modified)\nbuilt with go1.26.0 for linux/arm64\n"},
		{"no build info", nil, "", "", "scratchvet (devel)\n"},
	} {
		got := from(c.bi, c.stamp, c.commit).String()
		if c.bi == nil {
			got = strings.SplitAfter(got, "\n")[0]
		}
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
