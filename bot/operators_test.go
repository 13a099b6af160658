package bot_test

import (
	"testing"

	"thiduabot/bot/tgtest"
)

// People Telegram refuses are a system matter: told to org.operators when
// set, not to the admins (the movement's office).
func TestOperators_ReceiveThePeopleTelegramRefuses(t *testing.T) {
	h := newHarness(t)
	h.cfg.Org.Operators = []int64{director.ID}
	h.say(director, "/start")
	h.say(admin, "/start")
	card := h.submitted() // SK-1, An's
	h.settle()
	h.srv.Inject("sendMessage", staffAn.ID, 1000, tgtest.Fault{Status: 403}) // An blocked the bot
	mark := h.srv.Mark()
	h.press(headVP, card, "r:e:")
	mustContain(t, h.waitText(mark, director.ID, "chưa bắt đầu trò chuyện với hệ thống trên Telegram hoặc đã chặn hệ thống"), "Nguyễn Văn An")
	h.settle()
	if n := h.count(admin.ID, "chưa bắt đầu trò chuyện với hệ thống trên Telegram hoặc đã chặn hệ thống"); n != 0 {
		t.Errorf("the admins were told %d times though operators are set", n)
	}
}

// With no operators set, the admins receive the system's matters.
func TestOperators_TheAdminsWhenNoneIsSet(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.say(admin, "/start")
	card := h.submitted()
	h.settle()
	h.srv.Inject("sendMessage", staffAn.ID, 1000, tgtest.Fault{Status: 403})
	mark := h.srv.Mark()
	h.press(headVP, card, "r:e:")
	h.waitText(mark, admin.ID, "chưa bắt đầu trò chuyện với hệ thống trên Telegram hoặc đã chặn hệ thống")
}
