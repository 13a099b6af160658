package bot_test

import (
	"strings"
	"testing"
	"time"
)

// /export and /commend given no period ask for one; a press runs the heavy
// part with it, and a forged period is refused and changes nothing.
func TestPeriods_OfferedAsButtonsForHeavyCommands(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	ask := h.say(director, "/export")
	mustContain(t, ask, "chọn kỳ")
	mark := h.srv.Mark()
	h.press(director, ask, "p:export:11/2026")
	h.waitText(mark, director.ID, "CSV")
	ask = h.say(director, "/commend")
	if _, ok := ask.Button("p:commend:2025"); !ok {
		t.Errorf("/commend offers no last year: %v", ask.Keyboard)
	}
	mark = h.srv.Mark()
	h.press(director, ask, "p:commend:2026")
	h.waitText(mark, director.ID, "2026")
	h.settle()
	before := len(h.srv.Messages(director.ID))
	h.srv.PressForged(director, ask, "p:summary:Q5/2026")
	h.settle()
	if n := h.answered(0, "Không hiểu kỳ"); n == 0 {
		t.Error("a forged period was not refused")
	}
	if after := len(h.srv.Messages(director.ID)); after != before {
		t.Errorf("a forged period sent %d messages", after-before)
	}
	h.srv.PressForged(staffAn, ask, "p:summary:Q4/2026")
	h.settle()
	if n := h.answered(0, "không có quyền"); n == 0 {
		t.Error("a staff member's press of a director's period was not refused")
	}
}

// /leaderboard alone shows this month at once, with the other periods as
// buttons under it, in a private chat and in the staff group alike; a
// press redraws the board in place.
func TestLeaderboard_ThisMonthAtOnceWithPeriodsUnder(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.submitted()
	board := h.say(staffAn, "/leaderboard")
	mustContain(t, board, "Bảng xếp hạng thi đua tháng 11/2026", "Nguyễn Văn An")
	for _, want := range []string{"p:leaderboard:10/2026", "p:leaderboard:Q4/2026", "p:leaderboard:2026"} {
		if _, ok := board.Button(want); !ok {
			t.Errorf("the board has no button %s: %v", want, board.Keyboard)
		}
	}
	h.settle()
	redrawn := h.press(staffAn, board, "p:leaderboard:2026")
	if redrawn.ID != board.ID {
		t.Errorf("a period pressed sent a new message %d; want the board %d redrawn", redrawn.ID, board.ID)
	}
	mustContain(t, redrawn, "Bảng xếp hạng thi đua năm 2026")
	if len(redrawn.Keyboard) == 0 {
		t.Error("the redrawn board lost its period buttons")
	}
	h.settle()

	group := h.cfg.Telegram.GroupChatID
	mark := h.srv.Mark()
	h.srv.SendGroupText(group, staffAn, "/leaderboard@thiduabot")
	posted := h.waitText(mark, group, "Bảng xếp hạng thi đua tháng 11/2026")
	if _, ok := posted.Button("p:leaderboard:Q4/2026"); !ok {
		t.Errorf("the group's board has no period buttons: %v", posted.Keyboard)
	}
	h.settle()
	for _, m := range h.srv.Messages(group) {
		if strings.Contains(m.Plain, "chọn kỳ") {
			t.Errorf("a bare period menu was posted in the group: %q", m.Plain)
		}
	}
	redrawn = h.press(headVP, posted, "p:leaderboard:Q4/2026")
	mustContain(t, redrawn, "Bảng xếp hạng thi đua quý 4/2026")
}

// A period is read as people write it; one the bot cannot read is refused
// in words with the periods as buttons, and one not begun says so.
func TestPeriods_TypedAsPeopleWriteThem(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	for typed, want := range map[string]string{
		"tháng 11":          "tháng 11/2026",
		"quý 4":             "quý 4/2026",
		"năm nay":           "năm 2026",
		"Q4 2026":           "quý 4/2026",
		"tháng 11 năm 2026": "tháng 11/2026",
		"T11/2026":          "tháng 11/2026",
		"tháng trước":       "tháng 10/2026",
		"quý trước":         "quý 3/2026",
		"năm ngoái":         "năm 2025",
		"11-2026":           "tháng 11/2026",
	} {
		got := h.say(director, "/leaderboard "+typed)
		mustContain(t, got, "Bảng xếp hạng thi đua "+want)
		h.settle()
	}
	refused := h.say(director, "/summary tuần này")
	mustContain(t, refused, "Không hiểu kỳ “tuần này”", "Báo cáo tổng hợp – chọn kỳ:")
	for _, never := range []string{"mm/yyyy", `"`, "/summary –"} {
		if strings.Contains(refused.Plain, never) {
			t.Errorf("the refusal says %q: %q", never, refused.Plain)
		}
	}
	if _, ok := refused.Button("p:summary:Q4/2026"); !ok {
		t.Errorf("the refusal offers no periods: %v", refused.Keyboard)
	}
	future := h.say(director, "/summary 2027")
	mustContain(t, future, "Năm 2027 chưa bắt đầu nên chưa có số liệu")
	h.settle()
	mustContain(t, h.say(director, "/leaderboard 2027"), "chưa có số liệu")
	ask := h.say(director, "/export")
	mustContain(t, ask, "Xuất dữ liệu ra Excel – chọn kỳ:")
}

// A heavy command given a period it will refuse makes nothing first: the
// refusal, with the periods, is all that is sent.
func TestPeriods_HeavyCommandRefusedBeforeAnythingIsMade(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	for _, arg := range []string{"2027", "tuần này"} {
		got := h.say(director, "/export "+arg)
		mustContain(t, got, "Xuất dữ liệu ra Excel – chọn kỳ:")
		h.settle()
	}
	for _, m := range h.srv.Messages(director.ID) {
		if m.Document != nil {
			t.Errorf("a file was sent for a refused period: %s", m.Document.Name)
		}
	}
}
