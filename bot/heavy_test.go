package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/bot"
)

// A heavy command shows that it is working: Telegram's "sending a file"
// while the file is made, and a line with the estimate when it will take
// more than a few seconds.
func TestHeavy_ShowsThatItIsWorking(t *testing.T) {
	h := newHarness(t)
	h.acceptedIdea()
	h.say(director, "/start")
	from := len(h.srv.Requests())
	mark := h.srv.Mark()
	h.srv.SendText(director, "/export 2026")
	h.waitText(mark, director.ID, "CSV")
	actions := 0
	for _, r := range h.srv.Requests()[from:] {
		if r.Method == "sendChatAction" && r.Params["action"] == "upload_document" && r.Params["chat_id"] == "1002" {
			actions++
		}
	}
	if actions == 0 {
		t.Error("/export sent no 'sending a file' chat action")
	}
	// A small export says no estimate; a long one does, at once.
	if n := h.count(director.ID, "Đang chuẩn bị tệp"); n != 0 {
		t.Errorf("a small export announced an estimate %d times", n)
	}
	mark = h.srv.Mark()
	stop := bot.Working(h.bot, director.ID, "vi", 9500*time.Millisecond)
	m := h.waitText(mark, director.ID, "Đang chuẩn bị tệp")
	stop()
	if !strings.Contains(m.Plain, "khoảng 10 giây") {
		t.Errorf("estimate = %q; want about 10 seconds", m.Plain)
	}
}
