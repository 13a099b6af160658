package bot_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

const (
	fullVI = "Hệ thống tạm thời chưa lưu được dữ liệu (bộ nhớ máy chủ đã đầy). Tin nhắn của đồng chí sẽ được xử lý ngay khi khắc phục xong."
	fullEN = "the server's disk is full"
)

// A full disk, through storage's seam: every commit fails with ENOSPC, as
// bbolt's write of the pages does on a full volume.
func TestDiskFull_ToldOnceHeldAndAppliedOnceThereIsRoom(t *testing.T) {
	h := newHarness(t)
	full := &os.PathError{Op: "write", Path: h.cfg.Storage.Path, Err: syscall.ENOSPC}
	diskFullScenario(t, h, func() { h.db.FailCommits(full) }, func() { h.db.FailCommits(nil) })
}

// diskFullScenario fills the disk (fill) while a person confirms an idea,
// and checks what a full disk promises: the person is told once, and
// another who writes meanwhile; the admins once; /healthz says 503 and the
// metric counts the failed commits; the updates are taken again after 1 s,
// 2 s, 4 s … 30 s, one log line each; and once there is room (free) each
// takes effect once, by itself.
func diskFullScenario(t *testing.T, h *harness, fill, free func()) {
	// Long enough that storing it needs pages of its own.
	description := strings.Repeat("Hẹn giờ tắt điều hòa lúc 17 giờ, rút phích cắm thiết bị khi ra về. ", 40)
	mark, adminsBefore, first := confirmOnAFullDisk(t, h, description, fill)
	if _, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool {
		return m.ChatID == staffAn.ID && strings.Contains(m.Plain, "bộ nhớ máy chủ đã đầy")
	}); err != nil {
		t.Fatalf("An was not told: %v\nmessages: %v\nlog:\n%s", err, plains(h.srv.Messages(staffAn.ID)), h.logs.String())
	}
	told := h.waitText(mark, admin.ID, "Bộ nhớ máy chủ đã đầy")
	mustContain(t, told, h.cfg.Storage.Path, "còn trống")
	if code, body := get(h, "/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "disk full") {
		t.Errorf("/healthz on a full disk = %d %s; want 503 saying the disk is full", code, body)
	}
	if _, body := get(h, "/metrics"); !strings.Contains(body, "thiduabot_storage_write_failures_total") || strings.Contains(body, "thiduabot_storage_write_failures_total 0") {
		t.Errorf("/metrics does not count the failed commits:\n%s", grep(body, "write_failures"))
	}

	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second} {
		if got := h.clock.pause(t, first+i); got != want {
			t.Fatalf("pause %d before taking the updates again = %v; want %v", i+1, got, want)
		}
		if got := strings.Count(h.logs.String(), "updates not stored"); got != i+1 {
			t.Errorf("after %d tries the log says %d times that updates were not stored; want once a try", i+1, got)
		}
		if i == 1 {
			h.srv.SendText(staffJo, "/help") // someone else writes meanwhile
		}
		h.clock.Advance(want)
	}
	if got := h.count(staffJo.ID, fullEN); got != 1 {
		t.Errorf("John, who wrote during the incident, was told %d times; want once, in English", got)
	}

	free()
	h.clock.Advance(30 * time.Second)
	h.waitText(mark, staffAn.ID, "Đã nộp sáng kiến")
	h.waitText(mark, admin.ID, "lưu được dữ liệu trở lại")
	h.settle()

	expectCounts(t, h, []countWant{
		{staffAn.ID, fullVI, 1},
		{staffAn.ID, "Đã nộp sáng kiến", 1},
		{staffJo.ID, fullEN, 1},
		{staffJo.ID, "Commands for your role", 1}, // the help John asked for
	})
	if got := len(h.srv.Messages(admin.ID)) - adminsBefore; got != 2 {
		t.Errorf("the admin got %d messages; want 2 (the disk is full, it has room again)", got)
	}
	if got := strings.Count(h.logs.String(), "the disk is full"); got != 1 {
		t.Errorf("the log says %d times that the disk is full; want once", got)
	}
	h.db.View(func(tx *storage.Tx) error {
		if _, n, _ := tx.Ideas(storage.IdeaFilter{Author: staffAn.ID}, 5); n != 1 {
			t.Errorf("An has %d ideas; want the one confirmed, once", n)
		}
		return nil
	})
	if code, body := get(h, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz once there is room = %d %s; want 200", code, body)
	}
}

// confirmOnAFullDisk has An and John join and An fill an idea in up to
// its confirm; then the disk fills (fill) and An presses the confirm, with
// the bot's pauses lasting until the test moves the clock on. It returns
// the mark before the press, how many messages the admin had by then, and
// how many pauses the bot had made.
func confirmOnAFullDisk(t *testing.T, h *harness, description string, fill func()) (mark tgtest.Mark, adminsBefore, pauses int) {
	t.Helper()
	h.say(admin, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	h.join(staffJo, "John Smith")
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Tắt điều hòa khi ra khỏi phòng")
	h.say(staffAn, description)
	confirm := h.say(staffAn, "2 triệu")
	h.settle()
	h.clock.Set(h.clock.Now())
	pauses = h.clock.pauses()
	adminsBefore = len(h.srv.Messages(admin.ID))

	fill()
	mark = h.srv.Mark()
	if _, err := h.srv.Press(staffAn, confirm, "f:ok"); err != nil {
		t.Fatal(err)
	}
	return mark, adminsBefore, pauses
}

// countWant is how many messages with a text a chat should have had.
type countWant struct {
	who  int64
	text string
	want int
}

// expectCounts checks each chat's count of messages with a text.
func expectCounts(t *testing.T, h *harness, wants []countWant) {
	t.Helper()
	for _, c := range wants {
		if got := h.count(c.who, c.text); got != c.want {
			t.Errorf("%d got %d messages with %q; want %d", c.who, got, c.text, c.want)
		}
	}
}

// get asks the bot's operators' endpoint for path.
func get(h *harness, path string) (int, string) {
	rec := httptest.NewRecorder()
	h.bot.OpsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

// grep returns the lines of s that contain sub.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// In webhook mode Telegram itself delivers an update again while it is
// not stored (500): the person is told once however often it comes, and
// it takes effect once when there is room.
func TestDiskFull_WebhookDeliveriesToldOnceAppliedOnce(t *testing.T) {
	h, addr := newWebhookHarness(t)
	h.srv.Started(admin.ID)
	post := func() int {
		body := `{"update_id":77,"message":{"message_id":1,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"is_bot":false,"first_name":"Hà","language_code":"vi"},"text":"/invite VP","entities":[{"type":"bot_command","offset":0,"length":7}]}}`
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret-Token_9")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if err := h.srv.WaitFor(wait, func() bool { return h.srv.Calls("setWebhook") > 0 }); err != nil {
		t.Fatal("the webhook was never registered")
	}
	h.db.FailCommits(syscall.ENOSPC)
	for i := 0; i < 3; i++ {
		if got := post(); got != http.StatusInternalServerError {
			t.Fatalf("delivery %d on a full disk: status %d; want 500 (not stored)", i+1, got)
		}
	}
	h.db.FailCommits(nil)
	if got := post(); got != http.StatusOK {
		t.Fatalf("delivery once there is room: status %d; want 200", got)
	}
	h.settle()
	// The admin is told as the person who wrote and as an admin, once each.
	for _, c := range []struct {
		text string
		want int
	}{{fullVI, 1}, {"Bộ nhớ máy chủ đã đầy", 1}, {"?start=", 1}, {"lưu được dữ liệu trở lại", 1}} {
		if got := h.count(admin.ID, c.text); got != c.want {
			t.Errorf("the admin got %d messages with %q; want %d", got, c.text, c.want)
		}
	}
}
