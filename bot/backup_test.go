package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	db, err := storage.Open(path)
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
