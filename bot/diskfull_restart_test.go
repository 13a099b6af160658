package bot_test

import (
	"os"
	"strings"
	"syscall"
	"testing"

	"thiduabot/storage"
)

// A restart in the middle of a full disk tells no one twice: who was told
// is recorded beside the database. The incident goes on after the restart
// (someone new who writes is told, once), or it ended while the bot was
// down (the admins hear that it is over).
func TestDiskFull_ARestartTellsNoOneTwice(t *testing.T) {
	for _, tc := range []struct {
		name       string
		fullAfter  bool // the disk is still full after the restart
		joWritesIn bool
	}{{"still_full", true, true}, {"room_again", false, false}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			full := &os.PathError{Op: "write", Path: h.cfg.Storage.Path, Err: syscall.ENOSPC}
			mark, adminsBefore, _ := confirmOnAFullDisk(t, h, "Hẹn giờ tắt điều hòa lúc 17 giờ, rút phích cắm thiết bị khi ra về.", func() { h.db.FailCommits(full) })
			h.waitText(mark, staffAn.ID, "bộ nhớ máy chủ đã đầy")
			h.waitText(mark, admin.ID, "Bộ nhớ máy chủ đã đầy")
			h.clock.pause(t, h.clock.pauses()) // the bot waits to take the update again

			h.stop()
			startWith(h, func(db *storage.DB) {
				if tc.fullAfter {
					db.FailCommits(full)
				}
			})
			if tc.fullAfter {
				// The update, not confirmed, comes again and fails again.
				h.clock.Advance(h.clock.pause(t, h.clock.pauses()))
				h.srv.SendText(staffJo, "/help")
				h.waitText(mark, staffJo.ID, fullEN)
				h.db.FailCommits(nil)
				h.clock.Advance(h.clock.pause(t, h.clock.pauses()))
			}
			h.waitText(mark, staffAn.ID, "Đã nộp sáng kiến")
			h.waitText(mark, admin.ID, "lưu được dữ liệu trở lại")
			h.settle()

			expectCounts(t, h, []countWant{
				{staffAn.ID, fullVI, 1},
				{staffAn.ID, "Đã nộp sáng kiến", 1},
				{admin.ID, "Bộ nhớ máy chủ đã đầy", 1},
				{admin.ID, "lưu được dữ liệu trở lại", 1},
			})
			if tc.joWritesIn {
				if got := h.count(staffJo.ID, fullEN); got != 1 {
					t.Errorf("John, who wrote after the restart, was told %d times; want once", got)
				}
			}
			if got := len(h.srv.Messages(admin.ID)) - adminsBefore; got != 2 {
				t.Errorf("the admin got %d messages; want 2 (the disk is full, it has room again)", got)
			}
			data, err := os.ReadFile(h.cfg.Storage.Path + ".incident")
			if err != nil || strings.TrimSpace(string(data)) != "" {
				t.Errorf("the record after the incident: %q, %v; want it blank", strings.TrimSpace(string(data)), err)
			}
		})
	}
}

// startWith is h.start with prepare applied to the database before the
// bot runs (a disk already full when it starts).
func startWith(h *harness, prepare func(*storage.DB)) {
	h.t.Helper()
	db := h.openDB()
	b := h.newBot(db)
	prepare(db)
	h.run(db, b)
}
