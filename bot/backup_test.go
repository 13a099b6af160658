package bot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// /backup in chat sends a copy made outside the update's transaction,
// written to a file (not memory), checked, and removed once delivered; the
// copy holds what was stored.
func TestBackup_InChatSendsACheckedCopyByFile(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	h.say(admin, "/start")
	mark := h.srv.Mark()
	h.srv.SendText(admin, "/backup")
	h.waitText(mark, admin.ID, "Bản sao dữ liệu")
	h.settle()
	var copyData []byte
	for _, m := range h.srv.Messages(admin.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".db") {
			copyData = m.Document.Data
		}
	}
	if len(copyData) == 0 {
		t.Fatal("no .db document was sent")
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, copyData, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := storage.CheckFile(path); err != nil {
		t.Fatalf("the copy fails the check: %v", err)
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *storage.Tx) error {
		if m, ok, _ := tx.Member(staffAn.ID); !ok || !m.Active() {
			t.Errorf("the copy has member %d = %+v, %v; want the approved member", staffAn.ID, m, ok)
		}
		return nil
	})
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(h.cfg.Storage.Path), "exports", "backup-*"))
	if len(left) != 0 {
		t.Errorf("files left after delivery: %v", left)
	}
	mustContain(t, h.say(staffAn, "/backup"), "không có quyền")
}

func TestBackup_HotCopyDuringWritesPassesTheCheckAndRestores(t *testing.T) {
	backups := filepath.Join(t.TempDir(), "backups")
	h := newHarness(t, func(c *config.Config) { c.Storage.BackupKeep, c.Storage.BackupDir = 2, backups })
	h.join(staffAn, "Nguyễn Văn An")
	// Writes go on while the copies are taken.
	stop, writing := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			h.db.Update(func(tx *storage.Tx) error {
				m, _, _ := tx.Member(staffAn.ID)
				_, err := tx.SubmitIdea(m, storage.Idea{Theme: storage.ThemeThrift, Title: fmt.Sprintf("Sáng kiến %d", i), Description: "x"})
				return err
			})
			if i == 0 {
				close(writing)
			}
		}
	}()
	<-writing // the copies are taken while writes go on, after the first
	var paths []string
	for i := 0; i < 3; i++ {
		p, err := h.bot.Backup()
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	close(stop)
	wg.Wait()
	kept, _ := filepath.Glob(filepath.Join(h.cfg.Storage.BackupDir, "thiduabot-*.db"))
	if len(kept) != 2 || kept[1] != paths[2] {
		t.Errorf("kept %v; want the newest 2 of %v", kept, paths)
	}
	if err := storage.CheckFile(paths[2]); err != nil {
		t.Fatal(err)
	}
	// Restore: a bot on the copy serves the same data.
	h.stop()
	h.cfg.Storage.Path = paths[2]
	h.start()
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "/ideas")
	// (A message still in the copy's outbox is sent again: a restore
	// repeats rather than loses.)
	mustContain(t, h.waitText(mark, staffAn.ID, "Sáng kiến của đồng chí"), "Sáng kiến 0")
}
