// Package version says which scratchvet this is: the version, the commit
// and the Go toolchain it was built with.
//
// The version comes, in order, from a release build's stamp
//
//	go build -ldflags "-X github.com/scratchvet/scratchvet/internal/version.stamp=v1.2.3 \
//	    -X github.com/scratchvet/scratchvet/internal/version.stampCommit=$(git rev-parse HEAD)"
//
// (internal/release does this), from the module version in the binary's
// build information (go install github.com/scratchvet/scratchvet/cmd/scratchvet@v1.2.3;
// since Go 1.24, also a pseudo-version when built in a git checkout), and
// is "(devel)" otherwise. The commit comes from the stamp or the build
// information's vcs.revision (go build or go install in a checkout).
package version

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Set with -ldflags -X by release builds.
var (
	stamp       string
	stampCommit string
)

// Info describes a build of scratchvet.
type Info struct {
	Version   string `json:"version"`            // v1.2.3, a pseudo-version, or (devel)
	Commit    string `json:"commit,omitempty"`   // full revision, when known
	Time      string `json:"time,omitempty"`     // the commit's time (RFC 3339), when known
	Modified  bool   `json:"modified,omitempty"` // built from a checkout with uncommitted changes
	GoVersion string `json:"go"`                 // the toolchain that built the binary
	Platform  string `json:"platform"`           // GOOS/GOARCH
}

// Get describes this binary.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return from(bi, stamp, stampCommit)
}

// Version is Get().Version.
func Version() string { return Get().Version }

func from(bi *debug.BuildInfo, stamp, stampCommit string) Info {
	info := Info{Version: "(devel)", GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if bi.GoVersion != "" {
			info.GoVersion = bi.GoVersion
		}
		if v := bi.Main.Version; v != "" {
			info.Version = v
		}
		var goos, goarch string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Commit = s.Value
			case "vcs.time":
				info.Time = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
		if goos != "" && goarch != "" {
			info.Platform = goos + "/" + goarch
		}
	}
	if stamp != "" {
		info.Version = stamp
	}
	if stampCommit != "" {
		info.Commit = stampCommit
	}
	return info
}

// String is the multi-line form `scratchvet version` prints: the version
// alone on the first line, for scripts.
func (i Info) String() string {
	var b strings.Builder
	b.WriteString("scratchvet " + i.Version + "\n")
	if i.Commit != "" {
		b.WriteString("commit " + i.Commit)
		var notes []string
		if i.Time != "" {
			notes = append(notes, i.Time)
		}
		if i.Modified {
			notes = append(notes, "modified")
		}
		if len(notes) > 0 {
			b.WriteString(" (" + strings.Join(notes, ", ") + ")")
		}
		b.WriteString("\n")
	}
	b.WriteString("built with " + i.GoVersion + " for " + i.Platform + "\n")
	return b.String()
}
