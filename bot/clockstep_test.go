package bot_test

import (
	"testing"
	"time"
)

// The example's quarterly report is due 20/12/2026 17:00; its heads are
// reminded 7 days, 3 days, 1 day and 2 hours before, the directors told at
// the due time, and overdue notices go daily after it; grace is 12 hours.

// A wrong time source is corrected: the clock steps back an hour, so the
// minutes just swept come again. No reminder, list or notice goes twice.
func TestReminders_ClockStepsBackAnHour_NoneTwice(t *testing.T) {
	h := newHarnessAt(t, at(19, 16, 0))
	h.say(headVP, "/start")
	h.say(director, "/start")
	for _, c := range []struct {
		name                      string
		first                     time.Time // sent then…
		heads, directors, overdue int       // … making these in all
	}{
		{"the 1-day reminder", at(19, 17, 0), 1, 0, 0},
		{"the 2-hour reminder", at(20, 15, 0), 2, 0, 0},
		{"the list of missing units", at(20, 17, 0), 2, 1, 0},
		{"the first overdue notice", at(21, 17, 0), 2, 1, 1},
	} {
		h.sweepAt(c.first)
		h.sweepAt(c.first.Add(5 * time.Minute))
		// Back an hour; cron sweeps every minute through the same time again.
		for m := -55; m <= 10; m += 5 {
			h.sweepAt(c.first.Add(time.Duration(m) * time.Minute))
		}
		if got := h.count(headVP.ID, "Nhắc hạn"); got != c.heads {
			t.Errorf("after %s and a step back, the head has %d reminders; want %d", c.name, got, c.heads)
		}
		if got := h.count(director.ID, "Đến hạn"); got != c.directors {
			t.Errorf("after %s and a step back, the director has %d lists; want %d", c.name, got, c.directors)
		}
		if got := h.count(headVP.ID, "Quá hạn"); got != c.overdue {
			t.Errorf("after %s and a step back, the head has %d overdue notices; want %d", c.name, got, c.overdue)
		}
	}
}

// The clock jumps a day ahead, over two reminders: the one still within
// the grace is sent at once, late; the one past it is skipped, as after a
// stop. When the clock is corrected and that one's time really comes, it
// is sent (it never was); none goes twice.
func TestReminders_ClockStepsForwardADay_SkippedOneSentWithinGrace(t *testing.T) {
	h := newHarnessAt(t, at(19, 16, 0))
	h.say(headVP, "/start")
	h.say(director, "/start")
	h.sweepAt(at(19, 16, 0)) // the 7- and 3-day reminders are long past: skipped
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 0 {
		t.Fatalf("%d reminders before the 1-day one; want 0", got)
	}

	// A day ahead: over the 1-day reminder (19/12 17:00, now 23 h late)
	// and the 2-hour one (20/12 15:00, now 1 h late).
	h.sweepAt(at(20, 16, 0))
	h.sweepAt(at(20, 16, 1))
	if got := h.count(headVP.ID, "còn 1 giờ"); got != 1 {
		t.Errorf("the 2-hour reminder, 1 h late after the jump, was sent %d times; want once", got)
	}
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 1 {
		t.Errorf("%d reminders after the jump; want 1 (the 1-day one is past the grace)", got)
	}

	// Corrected: back to the real time, which goes on through both.
	for when := at(19, 16, 0); !when.After(at(20, 17, 0)); when = when.Add(time.Hour) {
		h.sweepAt(when)
	}
	if got := h.count(headVP.ID, "còn 1 ngày"); got != 1 {
		t.Errorf("the 1-day reminder skipped by the jump was sent %d times once its time came; want once", got)
	}
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 2 {
		t.Errorf("%d reminders in all; want 2 (the 2-hour one not again)", got)
	}
	if got := h.count(director.ID, "Đến hạn"); got != 1 {
		t.Errorf("the director got %d lists; want 1", got)
	}
}
