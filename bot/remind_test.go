package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func TestReminders_AQuarterToExactlyTheHeadsWhoHaveNotReported(t *testing.T) {
	h := newHarnessAt(t, at(1, 8, 0))
	h.say(headVP, "/start")
	h.say(headCNTT, "/start")
	h.say(director, "/start")
	h.srv.Started(admin.ID) // so the admin can be told of the heads who never started the bot

	h.sweepAt(at(13, 16, 59))
	if n := h.count(headVP.ID, "Nhắc hạn"); n != 0 {
		t.Fatalf("reminded %d times before the 7-day mark", n)
	}
	h.sweepAt(at(13, 17, 0))
	remind := lastWith(h.srv.Messages(headVP.ID), "Nhắc hạn")
	mustContain(t, remind, "Báo cáo quý", "Văn phòng Sở", "20/12/2026 17:00", "còn 7 ngày")
	mustContain(t, lastWith(h.srv.Messages(headCNTT.ID), "Report reminder"), "7 days left")

	h.clock.Set(at(14, 9, 0))
	mustContain(t, h.report(headVP, remind, "25 triệu"), "đúng hạn", "25.000.000 đ")

	for _, when := range []time.Time{at(17, 17, 0), at(19, 17, 0), at(20, 15, 0), at(20, 15, 30)} {
		h.sweepAt(when)
	}
	// The reminder VP got now says the unit has reported, without its
	// button; and no other reminder came.
	done := h.current(remind)
	mustContain(t, done, "Báo cáo quý", "Văn phòng Sở", "đã nộp báo cáo", "Đỗ Văn Hùng")
	if len(done.Keyboard) != 0 {
		t.Errorf("the reminder keeps its button after the report: %v", done.Keyboard)
	}
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 0 {
		t.Errorf("VP, which reported, was reminded %d more times; want none", got)
	}
	if got := h.count(headCNTT.ID, "Report reminder"); got != 4 {
		t.Errorf("CNTT was reminded %d times; want 4 (7d, 3d, 1d, 2h)", got)
	}

	h.sweepAt(at(20, 17, 0))
	missing := lastWith(h.srv.Messages(director.ID), "Đến hạn")
	mustContain(t, missing, "1/7 đơn vị", "CNTT", "TT")
	if strings.Contains(missing.Plain, "VP") {
		t.Errorf("the missing list names VP, which reported: %q", missing.Plain)
	}

	h.sweepAt(at(21, 17, 0))
	overdue := lastWith(h.srv.Messages(headCNTT.ID), "overdue")
	if overdue.ID == 0 || h.count(headVP.ID, "Quá hạn") != 0 {
		t.Fatalf("overdue notices: CNTT %q, VP %d", overdue.Plain, h.count(headVP.ID, "Quá hạn"))
	}
	h.clock.Set(at(21, 18, 0))
	mark := h.srv.Mark()
	mustContain(t, h.report(headCNTT, overdue, "3 tr"), "late")
	h.waitText(mark, director.ID, "đã nộp “Báo cáo quý” sau hạn")
	h.sweepAt(at(22, 17, 0))
	h.sweepAt(at(22, 17, 0))
	// The four reminders and the one overdue notice CNTT got now say its
	// report is in; a second overdue notice would still say "overdue".
	if got := h.count(headCNTT.ID, "overdue"); got != 0 {
		t.Errorf("CNTT got %d overdue notices after reporting; want none", got)
	}
	if got := h.count(headCNTT.ID, "report submitted"); got != 5 {
		t.Errorf("%d of CNTT's reminders say its report is in; want 5 (7d, 3d, 1d, 2h, overdue)", got)
	}
	if got := h.count(director.ID, "Đến hạn"); got != 1 {
		t.Errorf("the director got %d missing lists; want 1", got)
	}
	h.db.View(func(tx *storage.Tx) error {
		ps, _ := tx.Periods(false)
		r, _, _ := tx.Report(ps[0].Key, "CNTT")
		if !r.Late {
			t.Error("CNTT's report after the due time is not marked late")
		}
		return nil
	})
}

func TestReminders_OnceAcrossRestarts_SkippedPastGrace(t *testing.T) {
	h := newHarnessAt(t, at(13, 16, 0))
	h.say(headVP, "/start")
	h.sweepAt(at(13, 16, 59))
	h.stop()
	// Down when the 7-day reminder fell due; back three hours later.
	h.clock.Set(at(13, 20, 0))
	h.start()
	mark := h.srv.Mark()
	h.waitText(mark, headVP.ID, "Nhắc hạn")
	h.settle()
	h.restart()
	h.sweepAt(at(13, 20, 1))
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 1 {
		t.Errorf("reminded %d times across restarts; want 1", got)
	}
	// Down past the 3-day reminder and its 12-hour grace: skipped.
	h.stop()
	h.start()
	h.sweepAt(at(18, 6, 0)) // what the start-up sweep does, here in step with the test
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 1 {
		t.Errorf("a reminder older than the grace was sent: %d reminders", got)
	}
	h.db.View(func(tx *storage.Tx) error {
		if n := tx.Reminders().Skipped(); n < 7 {
			t.Errorf("%d reminders recorded as skipped; want the 3-day one of each of the 7 units", n)
		}
		return nil
	})
	h.sweepAt(at(19, 17, 0))
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 2 {
		t.Errorf("the 1-day reminder did not follow: %d reminders", got)
	}
}

func TestReminders_DaylightSavingSendsEachOnce(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tz data:", err)
	}
	start := time.Date(2026, 10, 31, 0, 0, 0, 0, ny)
	h := newHarnessAt(t, start, func(c *config.Config) {
		c.Org.Timezone = config.Location{Location: ny}
		var d config.Deadline
		d.Name = "Nhật ký ca trực"
		d.Due.UnmarshalText([]byte("30 1 * * *")) // 01:30 happens twice on 1 November
		c.Deadlines = []config.Deadline{d}
		c.Reminders.Before = []config.Duration{config.Duration(2 * time.Hour), config.Duration(30 * time.Minute)}
		c.Reminders.OverdueEvery = config.Duration(1000 * time.Hour)
	})
	h.say(headVP, "/start")
	for t := start; t.Before(start.Add(72 * time.Hour)); t = t.Add(20 * time.Minute) {
		h.sweepAt(t)
	}
	// Three days, so three periods, each reminded at 2 h and 30 min before;
	// and the fourth open since the third fell due, not reminded yet.
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 6 {
		t.Errorf("%d reminders over three days across the change of time; want 6", got)
	}
	h.db.View(func(tx *storage.Tx) error {
		ps, _ := tx.Periods(false)
		if len(ps) != 4 || !ps[3].Opens.Equal(ps[2].Due) {
			t.Errorf("%d periods; want 4, the last open since the third's due time: %+v", len(ps), ps)
		}
		return nil
	})
}

func TestReminders_AThousandUnitsWithinTheLimits(t *testing.T) {
	const units = 1000
	limits := config.Limits{PerSecond: 300, PerChatSecond: 1, PerChatBurst: 2, GroupPerMinute: 20}
	h := newHarnessAt(t, at(13, 16, 0), func(c *config.Config) {
		c.Units = nil
		for i := 0; i < units; i++ {
			c.Units = append(c.Units, config.Unit{Code: fmt.Sprintf("U%04d", i), Name: fmt.Sprintf("Đơn vị %d", i), Heads: []int64{int64(100000 + i)}})
		}
		c.Limits = limits
	})
	h.srv.EnforceLimits(tgtest.Limits{PerSecond: 300, Burst: 300, PerChatSecond: 1, PerChatBurst: 3, GroupPerMinute: 20, GroupBurst: 3})
	for i := 0; i < units; i++ {
		h.srv.Started(int64(100000 + i))
	}
	h.clock.Set(at(13, 17, 0))
	if err := h.bot.Sweep(); err != nil {
		t.Fatal(err)
	}
	// A thousand calls take longer than settle's patience under -race on
	// a busy machine; the test is about limits and counts, not speed.
	h.settleWithin(time.Minute)
	for _, r := range h.srv.Requests() {
		if r.Status == 429 {
			t.Fatalf("the stand-in answered 429 at %v", r.At)
		}
	}
	got := 0
	for i := 0; i < units; i++ {
		got += h.count(int64(100000+i), "Nhắc hạn")
	}
	if got != units {
		t.Errorf("%d reminders delivered; want %d", got, units)
	}
}

// SPEC §5: heads a round cannot reach are listed to the admins in one
// message per round. Here three of seven: one blocked the bot, two never
// opened it (one of whom the bot knows no name of). Each of two admins
// gets one message a round naming them by name and unit, and what to do:
// no warning per head, no copy of a reminder, no button they may not press.
func TestReminders_ThreeUnreachableHeadsGiveEachAdminOneMessageARound(t *testing.T) {
	admin2 := tgtest.User{ID: 1003, FirstName: "Trần", LastName: "Văn Bình", LanguageCode: "en"}
	h := newHarnessAt(t, at(13, 16, 0), func(c *config.Config) { c.Org.Admins = append(c.Org.Admins, admin2.ID) })
	err := h.db.Update(func(tx *storage.Tx) error {
		for id, name := range map[int64]string{admin2.ID: "Trần Văn Bình", 2002: "Hoàng Văn Tùng", 2003: "Ngô Thị Hạnh", 2006: "Phan Minh Đức"} {
			if _, err := tx.SetFullName(id, name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.say(admin, "/start")
	h.say(admin2, "/lang en")
	h.say(headVP, "/start")
	h.say(headCNTT, "/start")
	h.srv.Started(2002, 2003, 2007)
	h.srv.Inject("sendMessage", 2003, 1000, tgtest.Fault{Status: 403}) // Ngô Thị Hạnh blocked the bot
	// 2004 and 2006 never opened it.

	mark := h.srv.Mark()
	h.sweepAt(at(13, 17, 0))
	for _, id := range []int64{headVP.ID, 2002, 2007} {
		if n := h.count(id, "Nhắc hạn"); n != 1 {
			t.Errorf("head %d got %d reminders; want 1", id, n)
		}
	}
	check := func(u tgtest.User, rounds int, want ...string) {
		t.Helper()
		var got []tgtest.Message
		for _, m := range h.srv.LogSince(mark) {
			if m.ChatID == u.ID {
				got = append(got, m)
			}
		}
		if len(got) != rounds {
			t.Fatalf("admin %d got %d messages; want %d, one a round: %q", u.ID, len(got), rounds, plains(got))
		}
		for _, m := range got {
			mustContain(t, m, want...)
			if len(m.Keyboard) != 0 {
				t.Errorf("admin %d was given buttons: %v", u.ID, m.Keyboard)
			}
			if strings.Contains(m.Plain, "#20") {
				t.Errorf("a head is named by number: %q", m.Plain)
			}
		}
	}
	check(admin, 1, "Lời nhắc hạn báo cáo", "“Báo cáo quý”, hạn 20/12/2026 17:00", "Không gửi được đến 3 trưởng đơn vị",
		"Ngô Thị Hạnh – Trưởng phòng Kế hoạch – Tài chính",
		"người dùng chưa khai tên (mã Telegram 2004) – Trưởng phòng Bưu chính – Viễn thông",
		"Phan Minh Đức – Trưởng phòng Thông tin – Báo chí – Xuất bản",
		"mở @thiduabot và bấm “Bắt đầu”")
	check(admin2, 1, "Report reminders", "They could not reach 3 unit heads", "Ngô Thị Hạnh – Trưởng phòng Kế hoạch – Tài chính", "open @thiduabot and press Start")

	// The next round: one more each, still naming all three.
	h.sweepAt(at(17, 17, 0))
	check(admin, 2, "Không gửi được đến 3 trưởng đơn vị", "Ngô Thị Hạnh", "mã Telegram 2004", "Phan Minh Đức")
	check(admin2, 2, "They could not reach 3 unit heads")
	if n := h.count(admin.ID, "Nhắc hạn") + h.count(admin.ID, "Gửi thay"); n != 0 {
		t.Errorf("the admin got %d copies of reminders", n)
	}

	// A join request is for the admins: it still goes to them when the
	// head cannot take it (join_test.go shows it for a head who never
	// opened the bot; this one blocked it).
	code := h.invite(admin, "KHTC")
	h.consent(staffAn, code)
	mark = h.srv.Mark()
	h.say(staffAn, "Nguyễn Văn An")
	req := h.waitText(mark, admin.ID, "Đăng ký vào Phòng Kế hoạch – Tài chính")
	mustContain(t, req, "Gửi thay cho Ngô Thị Hạnh")
	if _, ok := req.Button("j:a:"); !ok {
		t.Errorf("the join request to the admin has no approve button: %v", req.Keyboard)
	}
}

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
