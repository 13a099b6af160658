package bot_test

import (
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
