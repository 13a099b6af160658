package bot_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func TestForm_ResumesAfterRestart(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Dùng chung máy in theo tầng")
	h.restart()
	m := h.say(staffAn, "Gom máy in lẻ về một máy in mạng mỗi tầng.")
	mustContain(t, m, "Bước 4/4")
	confirm := h.say(staffAn, "12 triệu")
	mustContain(t, confirm, "Dùng chung máy in theo tầng", "12.000.000 đ/năm")
	h.restart()
	saved := h.press(staffAn, confirm, "f:ok")
	mustContain(t, saved, "Đã nộp sáng kiến SK-1")
}

func TestUpdate_DeliveredTwiceHasOneEffect(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.settle()
	upd := &models.Update{ID: 999_001, Message: &models.Message{
		ID: 77, Chat: models.Chat{ID: admin.ID, Type: models.ChatTypePrivate},
		From: &models.User{ID: admin.ID, FirstName: "Phạm"},
		Text: "/invite VP", Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 7}},
	}}
	for i := 0; i < 3; i++ {
		if err := h.bot.HandleBatch([]*models.Update{upd, upd}); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	if n := h.count(admin.ID, "?start="); n != 1 {
		t.Errorf("an update handled 6 times made %d invites; want 1", n)
	}
}

func TestOutbox_SurvivesRestartAndTransientFailures(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.settle()
	// Telegram fails for a while: the message waits in the outbox.
	h.srv.Inject("sendMessage", admin.ID, 3, tgtest.Fault{Status: 502})
	mark := h.srv.Mark()
	h.srv.SendText(admin, "/invite CNTT")
	h.srv.WaitConfirmed(0, wait)
	if err := h.srv.WaitFor(wait, func() bool {
		for _, r := range h.srv.Requests() {
			if r.Status == 502 {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatal("the stand-in never failed a call")
	}
	h.restart()
	m := h.waitText(mark, admin.ID, "Phòng Công nghệ thông tin")
	mustContain(t, m, "?start=")
	h.settle()
	if got := len(h.srv.Messages(admin.ID)); got != 2 {
		t.Errorf("admin got %d messages; want 2 (nothing twice)", got)
	}
}

func TestOutbox_TooManyRequestsWaitsForRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.settle()
	h.srv.Inject("sendMessage", admin.ID, 1, tgtest.Fault{Status: 429, RetryAfter: 1})
	mark := h.srv.Mark()
	for _, u := range []string{"VP", "TT", "KHTC"} {
		h.srv.SendText(admin, "/invite "+u)
	}
	for _, name := range []string{"Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch – Tài chính"} {
		h.waitText(mark, admin.ID, name)
	}
	h.settle()
	var refused, after time.Time
	for _, r := range h.srv.Requests() {
		if r.Method != "sendMessage" || r.Params["chat_id"] != "1001" {
			continue
		}
		if r.Status == 429 && refused.IsZero() {
			refused = r.At
		} else if !refused.IsZero() && after.IsZero() {
			after = r.At
		}
	}
	if refused.IsZero() {
		t.Fatal("no 429 was answered")
	}
	if d := after.Sub(refused); d < time.Second {
		t.Errorf("next request %v after the 429; want at least retry_after (1s)", d)
	}
	// In order, none twice: the stand-in's violations (a request before
	// retry_after) fail the test at cleanup.
	msgs := h.srv.Messages(admin.ID)
	if len(msgs) != 4 {
		t.Fatalf("admin got %d messages; want 4: %v", len(msgs), plains(msgs))
	}
	for i, name := range []string{"Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch – Tài chính"} {
		mustContain(t, msgs[i+1], name)
	}
}

func TestOutbox_StaysWithinTelegramLimits(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Limits = config.Default().Limits })
	h.srv.EnforceLimits(tgtest.TelegramLimits)
	h.say(admin, "/start")
	mark := h.srv.Mark()
	// Five replies due to one chat at once: the per-chat limit spaces them.
	for _, u := range []string{"VP", "TT", "KHTC", "BCVT", "CNTT"} {
		h.srv.SendText(admin, "/invite "+u)
	}
	h.waitText(mark, admin.ID, "Phòng Công nghệ thông tin")
	h.settle()
	for _, r := range h.srv.Requests() {
		if r.Status == 429 {
			t.Errorf("the stand-in answered 429 to %s at %v", r.Method, r.At)
		}
	}
}

// Three postings due to the staff group at once go out 20 a minute: the
// stand-in tolerates a burst of two here, so a third sent early is refused.
func TestOutbox_GroupPostingsKeepTwentyAMinute(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Limits = config.Default().Limits })
	limits := tgtest.TelegramLimits
	limits.GroupBurst = 2
	h.srv.EnforceLimits(limits)
	group := h.cfg.Telegram.GroupChatID
	err := h.db.Update(func(tx *storage.Tx) error {
		for i := 1; i <= 3; i++ {
			if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: group, Text: fmt.Sprintf("🏆 Bảng xếp hạng %d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.bot.Sender().Notify()
	h.settle()
	var sent []time.Time
	for _, r := range h.srv.Requests() {
		if r.Params["chat_id"] != fmt.Sprint(group) {
			continue
		}
		if r.Status == 429 {
			t.Errorf("the stand-in answered 429 to a group posting at %v", r.At)
		} else {
			sent = append(sent, r.At)
		}
	}
	if len(sent) != 3 {
		t.Fatalf("%d group postings went out; want 3", len(sent))
	}
	if gap := sent[2].Sub(sent[0]); gap < 5*time.Second {
		t.Errorf("three postings within %v; 20 a minute needs about 6 s", gap)
	}
}

func TestLongReply_IsSplitIntoValidMessages(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	err := h.db.Update(func(tx *storage.Tx) error {
		an, _, _ := tx.Member(staffAn.ID)
		for i := 0; i < 30; i++ {
			title := fmt.Sprintf("%02d ", i) + strings.Repeat("Điện & nước <tiết kiệm> ", 8)
			if _, err := tx.SubmitIdea(an, storage.Idea{Theme: storage.ThemeThrift, Title: title, Description: "x"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.say(director, "/start")
	mark := h.srv.Mark()
	h.srv.SendText(director, "/ideas")
	// The last part carries the buttons: the filters and the next page.
	if _, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool {
		_, ok := m.Button("i:20:")
		return m.ChatID == director.ID && ok
	}); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, m := range h.srv.Log()[mark:] {
		if m.ChatID == director.ID {
			parts = append(parts, m.Plain)
		}
	}
	if len(parts) < 2 {
		t.Fatalf("a %d-character list came in %d message(s); want it split", len(strings.Join(parts, "")), len(parts))
	}
	all := strings.Join(parts, "\n")
	for i := 11; i <= 30; i++ { // the first page: the newest 20
		if !strings.Contains(all, fmt.Sprintf("/sk_%d ", i)) {
			t.Errorf("/sk_%d is missing from the split list", i)
		}
	}
	msgs := h.srv.Messages(director.ID)
	page2 := h.press(director, msgs[len(msgs)-1], "i:20:")
	for i := 1; i <= 10; i++ {
		if !strings.Contains(page2.Plain, fmt.Sprintf("/sk_%d ", i)) {
			t.Errorf("/sk_%d is missing from the second page", i)
		}
	}
	if !strings.Contains(all, "Điện & nước <tiết kiệm>") {
		t.Error("user text was not shown as typed (escaping went wrong)")
	}
	// The stand-in refused any part over 4,096 characters or with broken
	// HTML: its violations fail the test at cleanup.
}

func TestLogs_NeverShowTheToken(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.settle()
	h.srv.Close() // every call now fails, and the client's errors hold URLs with the token
	if !h.logs.waitFor("getUpdates failed", wait) {
		t.Fatalf("no failure was logged:\n%s", h.logs.String())
	}
	h.stop()
	logs := h.logs.String()
	if !strings.Contains(logs, "<token>") {
		t.Errorf("the failure logged no URL; the test shows nothing:\n%s", logs)
	}
	if strings.Contains(logs, h.cfg.Telegram.Token) {
		t.Errorf("the token is in the logs:\n%s", logs)
	}
}

// Answers to buttons do not go through the outbox, but a transient failure
// still gets them there: tried again, answered once, and the message the
// press brought is not held up behind them.
func TestDelivery_ButtonAnswerRetriedFromMemory(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	pick := h.say(staffAn, "/idea")
	h.srv.Inject("answerCallbackQuery", 0, 1, tgtest.Fault{Status: 502})
	mark, since := h.srv.Mark(), time.Now()
	if _, err := h.srv.Press(staffAn, pick, "f:"); err != nil {
		t.Fatal(err)
	}
	h.waitText(mark, staffAn.ID, "Bước 2/4")
	h.settle()
	var failed, answered int
	for _, r := range h.srv.Requests() {
		if r.Method != "answerCallbackQuery" || r.At.Before(since) {
			continue
		}
		switch r.Status {
		case 502:
			failed++
		case 200:
			answered++
		}
	}
	if failed != 1 || answered != 1 {
		t.Errorf("answerCallbackQuery: %d failed, %d answered; want 1 and 1", failed, answered)
	}
}

// Chats told to wait different times each wait their own, and a chat not
// told to wait is not held up by them.
func TestDelivery_EachChatWaitsItsOwnRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.srv.Inject("sendMessage", staffAn.ID, 1, tgtest.Fault{Status: 429, RetryAfter: 2})
	h.srv.Inject("sendMessage", staffJo.ID, 1, tgtest.Fault{Status: 429, RetryAfter: 1})
	mark := h.srv.Mark()
	for _, u := range []tgtest.User{staffAn, staffJo, director} {
		h.srv.SendText(u, "/start")
	}
	for _, u := range []tgtest.User{staffAn, staffJo, director} {
		h.next(mark, u.ID)
	}
	h.settle()
	first := map[string]time.Time{}
	refused := map[string]time.Time{}
	for _, r := range h.srv.Requests() {
		if r.Method != "sendMessage" {
			continue
		}
		chat := r.Params["chat_id"]
		switch {
		case r.Status == 429:
			refused[chat] = r.At
		case r.Status == 200 && first[chat].IsZero():
			first[chat] = r.At
		}
	}
	for _, c := range []struct {
		user tgtest.User
		wait time.Duration
	}{{staffAn, 2 * time.Second}, {staffJo, time.Second}} {
		chat := strconv.FormatInt(c.user.ID, 10)
		if d := first[chat].Sub(refused[chat]); refused[chat].IsZero() || d < c.wait {
			t.Errorf("chat %s: delivered %v after its 429; want at least %v", chat, d, c.wait)
		}
	}
	dir := strconv.FormatInt(director.ID, 10)
	if d := first[dir].Sub(refused[strconv.FormatInt(staffJo.ID, 10)]); d > 500*time.Millisecond {
		t.Errorf("a chat with no 429 was delivered %v after another's; want at once", d)
	}
}
