package main

import (
	"bytes"
	"net"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
)

func TestBuildFrom(t *testing.T) {
	fromGit := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "thiduabot", Version: "v0.0.0-20261203101500-0123456789ab+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-03T10:15:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	tests := []struct {
		name                   string
		info                   *debug.BuildInfo
		version, rev, revTime  string
		want                   build
		wantInString, notInStr string
	}{
		{name: "toolchain only", info: fromGit,
			want:         build{Version: "v0.0.0-20261203101500-0123456789ab+dirty", Revision: "0123456789abcdef", Time: "2026-12-03T10:15:00Z", Modified: true, GoVersion: "go1.26.8"},
			wantInString: "revision 0123456789abcdef of 2026-12-03T10:15:00Z, with uncommitted changes; go1.26.8"},
		{name: "a package build stamps its own", info: fromGit, version: "v1.4.0", rev: "fedcba9876543210", revTime: "2026-12-01T08:00:00Z",
			want:         build{Version: "v1.4.0", Revision: "fedcba9876543210", Time: "2026-12-01T08:00:00Z", GoVersion: "go1.26.8"},
			wantInString: "thiduabot v1.4.0 (revision fedcba9876543210 of 2026-12-01T08:00:00Z; go1.26.8", notInStr: "uncommitted"},
		{name: "a stamped dirty revision", info: nil, rev: "fedcba9876543210-dirty",
			want:         build{Version: "(devel)", Revision: "fedcba9876543210", Modified: true, GoVersion: "unknown"},
			wantInString: "revision fedcba9876543210, with uncommitted changes"},
		{name: "go test or go run outside a checkout", info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "thiduabot", Version: "(devel)"}},
			want:         build{Version: "(devel)", GoVersion: "go1.26.8"},
			wantInString: "thiduabot (devel) (revision unknown; go1.26.8; database schema "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildFrom(tt.info, tt.version, tt.rev, tt.revTime)
			if got != tt.want {
				t.Errorf("buildFrom = %+v; want %+v", got, tt.want)
			}
			if s := got.String(); !strings.Contains(s, tt.wantInString) || (tt.notInStr != "" && strings.Contains(s, tt.notInStr)) {
				t.Errorf("String() = %q; want it to contain %q (and not %q)", s, tt.wantInString, tt.notInStr)
			}
		})
	}
}

// TestVersion_PackageBuild builds the binary with the revision stamped by
// -ldflags, as deploy/package.sh does (without its CGO_ENABLED=0, so the
// build reuses the test's compiled packages), and finds it in both
// `thiduabot version` and the start-up log line.
func TestVersion_PackageBuild(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build the binary with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "thiduabot")
	ldflags := "-X main.Version=v9.8.7 -X main.Revision=feedface0123 -X main.RevisionTime=2026-12-03T18:00:00Z"
	build := exec.Command(goTool, "build", "-ldflags", ldflags, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("thiduabot version: %v\n%s", err, out)
	}
	if want := "thiduabot v9.8.7 (revision feedface0123 of 2026-12-03T18:00:00Z; go"; !strings.HasPrefix(string(out), want) {
		t.Errorf("thiduabot version = %q; want it to start %q", out, want)
	}

	srv := tgtest.New(t)
	cfgPath := writeConfig(t, srv, dir)
	cmd := exec.Command(bin, "-config", cfgPath)
	stderr := &bytes.Buffer{}
	cmd.Stderr = &lockedWriter{w: stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if err := srv.WaitFor(10*time.Second, func() bool { return srv.Pollers() > 0 }); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the bot never polled:\n%s", stderr.String())
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	var line string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "thiduabot starting") {
			line = l
		}
	}
	for _, want := range []string{"version=v9.8.7", "revision=feedface0123", "revision_time=2026-12-03T18:00:00Z", "go=go"} {
		if !strings.Contains(line, want) {
			t.Errorf("start-up line %q lacks %q", line, want)
		}
	}
}

// TestSdNotify_ReadyAfterOpenStoppingOnSIGTERM plays systemd's side of
// Type=notify: the bot says it opens the database (where a migration takes
// its time), READY=1 once it runs, and STOPPING=1 on SIGTERM.
func TestSdNotify_ReadyAfterOpenStoppingOnSIGTERM(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	t.Setenv("NOTIFY_SOCKET", sock)
	srv := tgtest.New(t)
	bot := startBot(t, "-config", writeConfig(t, srv, t.TempDir()))
	read := func() string {
		conn.SetReadDeadline(time.Now().Add(time.Minute)) // a loaded CI machine, a race-built binary
		buf := make([]byte, 4096)
		n, err := conn.Read(buf)
		if err != nil {
			t.Fatalf("no word from the bot on NOTIFY_SOCKET: %v\n%s", err, bot.stderr.String())
		}
		return string(buf[:n])
	}
	if got := read(); !strings.HasPrefix(got, "STATUS=opening the database") {
		t.Errorf("first notification = %q; want STATUS=opening the database…, before a migration", got)
	}
	if got := read(); !strings.HasPrefix(got, "READY=1\n") {
		t.Errorf("second notification = %q; want READY=1", got)
	}
	bot.cmd.Process.Signal(syscall.SIGTERM)
	if got := read(); !strings.HasPrefix(got, "STOPPING=1\n") {
		t.Errorf("after SIGTERM = %q; want STOPPING=1", got)
	}
	if err := bot.wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
}
