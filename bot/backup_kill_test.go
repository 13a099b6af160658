package bot_test

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"thiduabot/bot"
	"thiduabot/bot/config"
	"thiduabot/bot/ops"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// backupChildEnv names the folder a child process backs up in, for
// TestBackup_KillNineMidwayCountsAndRotatesNothing.
const backupChildEnv = "THIDUABOT_BACKUP_CHILD"

// backupConfig is the configuration the parent and the child share.
func backupConfig(srv *tgtest.Server, dir string) *config.Config {
	cfg := config.Example()
	cfg.Telegram.APIURL, cfg.Telegram.Token = srv.URL, srv.Token
	cfg.Storage.Path = filepath.Join(dir, "thiduabot.db")
	cfg.Storage.BackupDir = filepath.Join(dir, "backups")
	cfg.Storage.BackupKeep = 3
	return &cfg
}

// TestBackup_Child is the child of the kill test: it takes backups one
// after another until it is killed.
func TestBackup_Child(t *testing.T) {
	dir := os.Getenv(backupChildEnv)
	if dir == "" {
		t.Skip("the kill test's child")
	}
	cfg := backupConfig(tgtest.New(t), dir)
	db, err := storage.Open(cfg.Storage.Path, cfg.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(cfg, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("backing up\n")
	for {
		if _, err := b.Backup(); err != nil {
			t.Fatal(err)
		}
	}
}

// kill -9 in the middle of a backup, at random moments: a half-written
// copy is never counted as a backup and never rotates a good one out
// (every counted one passes the check, and there are always at least
// backup_keep of them), and the next start removes it.
func TestBackup_KillNineMidwayCountsAndRotatesNothing(t *testing.T) {
	dir := t.TempDir()
	srv := tgtest.New(t)
	cfg := backupConfig(srv, dir)
	// A database large enough that a copy takes a while (some 8 MB).
	db, err := storage.Open(cfg.Storage.Path, cfg.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	o := storage.GenerateOptions{Units: 30, Members: 300, Ideas: 1500, Progress: 3000, Seed: 1,
		From: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)}
	if err := storage.Generate(db, o, func(string) {}); err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(cfg, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range cfg.Storage.BackupKeep {
		if _, err := b.Backup(); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 8))
	midway := 0
	for k := 0; k < 8; k++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBackup_Child$", "-test.count=1")
		cmd.Env = append(os.Environ(), backupChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
			t.Fatalf("the child did not start: %v", err)
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond) // a random moment, not a wait for something
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		partial, _ := filepath.Glob(filepath.Join(cfg.Storage.BackupDir, ".partial-*.db"))
		if len(partial) > 0 {
			midway++
		}
		kept, err := ops.BackupFiles(cfg.Storage.BackupDir)
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) < cfg.Storage.BackupKeep {
			t.Fatalf("after kill %d, %d backups are counted; want at least %d: %v", k+1, len(kept), cfg.Storage.BackupKeep, kept)
		}
		for _, p := range kept {
			if err := storage.CheckFile(p); err != nil {
				t.Fatalf("after kill %d, the counted backup %s fails the check: %v", k+1, p, err)
			}
		}
	}
	t.Logf("%d of 8 kills left a half-written backup", midway)
	if midway == 0 {
		t.Error("no kill came in the middle of a backup: the test showed nothing")
	}

	// The next start removes what a kill left half-written.
	db, err = storage.Open(cfg.Storage.Path, cfg.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := bot.New(cfg, db, nil); err != nil {
		t.Fatal(err)
	}
	if partial, _ := filepath.Glob(filepath.Join(cfg.Storage.BackupDir, ".partial-*.db")); len(partial) != 0 {
		t.Errorf("after the start, half-written backups are left: %v", partial)
	}
}
