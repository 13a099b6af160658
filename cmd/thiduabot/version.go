package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"thiduabot/storage"
)

// What a package build stamps with -ldflags (deploy/package.sh):
//
//	-X main.Version=v1.4.0 -X main.Revision=<commit> -X main.RevisionTime=<RFC 3339>
//
// Left empty, they come from the build information the Go toolchain
// writes into every binary built from a module in a git checkout.
var (
	Version      string
	Revision     string
	RevisionTime string
)

// build says which code a binary was built from.
type build struct {
	Version   string // the module's version; "(devel)" when it has none
	Revision  string // the VCS revision ("" when not built from a checkout)
	Time      string // the revision's commit time
	Modified  bool   // built from a checkout with uncommitted changes
	GoVersion string
}

// currentBuild reads this binary's build information, with what
// -ldflags set taking the place of what the toolchain recorded.
func currentBuild() build {
	info, _ := debug.ReadBuildInfo()
	return buildFrom(info, Version, Revision, RevisionTime)
}

// buildFrom merges the toolchain's build information (nil when the
// binary has none) with the values stamped at link time.
func buildFrom(info *debug.BuildInfo, version, revision, revTime string) build {
	var b build
	if info != nil {
		b.Version, b.GoVersion = info.Main.Version, info.GoVersion
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if version != "" {
		b.Version = version
	}
	if revision != "" {
		b.Revision, b.Modified = revision, false
		if strings.HasSuffix(revision, "-dirty") {
			b.Revision, b.Modified = strings.TrimSuffix(revision, "-dirty"), true
		}
	}
	if revTime != "" {
		b.Time = revTime
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	if b.GoVersion == "" {
		b.GoVersion = "unknown"
	}
	return b
}

// String is what `thiduabot version` prints: one line a person can paste
// into a report.
func (b build) String() string {
	rev := "revision unknown"
	if b.Revision != "" {
		rev = "revision " + b.Revision
		if b.Time != "" {
			rev += " of " + b.Time
		}
		if b.Modified {
			rev += ", with uncommitted changes"
		}
	}
	return fmt.Sprintf("thiduabot %s (%s; %s; database schema %d)", b.Version, rev, b.GoVersion, storage.SchemaVersion)
}

// logAttrs are the same facts for the start-up log line.
func (b build) logAttrs() []any {
	return []any{"version", b.Version, "revision", b.Revision, "revision_time", b.Time, "modified", b.Modified, "go", b.GoVersion, "schema", storage.SchemaVersion}
}
