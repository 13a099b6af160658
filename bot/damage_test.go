package bot_test

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"thiduabot/storage"
)

// A page of the file is damaged while the bot runs (a failing disk): the
// update that reads it makes bbolt panic. That update is answered, the
// admins are told once, /healthz turns unhealthy, the update is not taken
// again for ever, and what does not need the damaged page goes on working.
func TestDamagedPage_WhileRunningIsAnsweredAndToldOnce(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.say(director, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	err := h.db.Update(func(tx *storage.Tx) error {
		an, _, _ := tx.Member(staffAn.ID)
		for i := 0; i < 200; i++ {
			if _, err := tx.SubmitIdea(an, storage.Idea{Theme: storage.ThemeThrift, Title: fmt.Sprintf("Sáng kiến %d", i), Description: strings.Repeat("Tiết kiệm điện. ", 10)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.settle()
	h.stop()
	size, page := bucketRoot(t, h.cfg.Storage.Path, "ideas")
	h.start()
	restore := damagePage(t, h.cfg.Storage.Path, size, page)

	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "/ideas")
	h.waitText(mark, staffAn.ID, "lỗi khi đọc dữ liệu")
	told := h.waitText(mark, admin.ID, "Tệp dữ liệu bị hỏng")
	mustContain(t, told, h.cfg.Storage.Path, "thiduabot restore")
	if code, body := get(h, "/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "damaged") {
		t.Errorf("/healthz with a damaged file = %d %s; want 503 saying so", code, body)
	}
	mark = h.srv.Mark()
	h.srv.SendText(director, "/ideas")
	h.waitText(mark, director.ID, "lỗi khi đọc dữ liệu")
	if m := h.say(staffAn, "/help"); !strings.Contains(m.Plain, "/idea") {
		t.Errorf("/help, which needs no damaged page, answered %q", m.Plain)
	}
	h.settle() // every update confirmed: none is taken again for ever
	if n := h.count(admin.ID, "Tệp dữ liệu bị hỏng"); n != 1 {
		t.Errorf("the admin was told of the damage %d times; want once", n)
	}
	if strings.Contains(h.logs.String(), "handler panicked") {
		t.Error("the damage was taken for a handler's panic")
	}
	restore() // so the harness's closing check passes
}

// bucketRoot returns the page size of the (closed) database file at path
// and the page at the root of one of its buckets.
func bucketRoot(t *testing.T, path, bucket string) (int64, uint64) {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var page uint64
	b.View(func(tx *bbolt.Tx) error {
		page = uint64(tx.Bucket([]byte(bucket)).Root())
		return nil
	})
	if page == 0 {
		t.Fatalf("the %s bucket has no page of its own", bucket)
	}
	return int64(b.Info().PageSize), page
}

// damagePage overwrites a page of the file as a failing disk would, and
// returns a func that puts it back.
func damagePage(t *testing.T, path string, size int64, page uint64) (restore func()) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	was := make([]byte, size)
	if _, err := f.ReadAt(was, int64(page)*size); err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, size)
	for i := range junk {
		junk[i] = 0xFF
	}
	if _, err := f.WriteAt(junk, int64(page)*size); err != nil {
		t.Fatal(err)
	}
	return func() {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteAt(was, int64(page)*size); err != nil {
			t.Fatal(err)
		}
	}
}
