package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func on(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, hcm)
}

// reportVia files a report as head through the report button of m.
func (h *harness) reportVia(head tgtest.User, m tgtest.Message, button, saved string) tgtest.Message {
	h.t.Helper()
	h.press(head, m, button)
	h.say(head, saved)
	doc := h.say(head, "Đã triển khai hội nghị truyền hình cho 3 phòng họp.")
	confirm := h.press(head, doc, "f:skip")
	return h.press(head, confirm, "f:ok")
}

// ask sends text as u and returns the bot's next message to them that
// contains want (others may come meanwhile: notices of what others did).
func (h *harness) ask(u tgtest.User, text, want string) tgtest.Message {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, text)
	return h.waitText(mark, u.ID, want)
}

// SPEC §5: a quarterly deadline's period runs from the previous quarter's
// due time to its own; with the default reminders (7 d, 3 d, 1 d, 2 h) a
// head may still report in the quarter's first week, and the reminders go
// at their offsets only to the units that have not reported.
func TestReports_AQuarterOpenFromItsFirstWeek(t *testing.T) {
	h := newHarnessAt(t, on(time.October, 1, 8, 0))
	h.say(headVP, "/start")
	h.say(headCNTT, "/start")
	h.say(director, "/start")
	h.sweepAt(on(time.October, 1, 8, 1))

	h.clock.Set(on(time.October, 2, 9, 0)) // the quarter's first week, eleven weeks before the first reminder
	list := h.say(headVP, "/deadlines")
	mustContain(t, list, "Báo cáo quý", "hạn 20/12/2026 17:00", "Kỳ báo cáo: từ 20/09/2026 17:00 đến 20/12/2026 17:00", "chưa nộp")
	pick := h.say(headVP, "/report")
	if strings.Contains(pick.Plain, "Không có kỳ báo cáo") {
		t.Fatalf("/report in the quarter's first week: %q", pick.Plain)
	}
	mustContain(t, h.reportVia(headVP, pick, "rp:", "18 triệu"), "đúng hạn", "18.000.000 đ")

	for _, when := range []time.Time{on(time.December, 13, 17, 0), on(time.December, 17, 17, 0), on(time.December, 19, 17, 0), on(time.December, 20, 15, 0)} {
		h.sweepAt(when)
	}
	if got := h.count(headVP.ID, "Nhắc hạn"); got != 0 {
		t.Errorf("VP, which reported in October, was reminded %d times", got)
	}
	if got := h.count(headCNTT.ID, "Report reminder"); got != 4 {
		t.Errorf("CNTT was reminded %d times; want 4 (7d, 3d, 1d, 2h)", got)
	}
	first := lastWith(h.srv.Messages(headCNTT.ID), "Report reminder")
	mustContain(t, first, "2 hours left")

	// At the due time the next quarter's period opens: CNTT may report
	// for both, late for the one just due.
	h.sweepAt(on(time.December, 20, 17, 0))
	mustContain(t, lastWith(h.srv.Messages(director.ID), "Đến hạn"), "1/7 đơn vị")
	pick = h.say(headCNTT, "/report")
	if n := len(pick.Keyboard); n != 2 {
		t.Errorf("/report after the due time offers %d periods; want 2 (the late one and the next): %v", n, pick.Keyboard)
	}
	mustContain(t, h.say(headVP, "/deadlines"), "Kỳ báo cáo: từ 20/12/2026 17:00 đến 20/03/2027 17:00")
	h.db.View(func(tx *storage.Tx) error {
		ps, _ := tx.Periods(false)
		if len(ps) != 2 || !ps[0].Opens.Equal(on(time.September, 20, 17, 0)) || !ps[1].Opens.Equal(ps[0].Due) {
			t.Errorf("periods %+v; want the December one open since 20 September and the March one since 20 December", ps)
		}
		r, ok, _ := tx.Report(ps[0].Key, "VP")
		if !ok || r.Late || r.Saved != 18_000_000 {
			t.Errorf("VP's October report = %+v (%v); want on time, 18.000.000 đ", r, ok)
		}
		return nil
	})
}

// An admin adds a single deadline (previewed; every head told, with a
// button to report), corrects it, and deletes another; once a report is
// filed for one, it can be neither corrected nor deleted.
func TestDeadlines_AddCorrectAndDeleteASingleDeadline(t *testing.T) {
	h := newHarnessAt(t, on(time.November, 2, 8, 0))
	h.srv.Started(2002, 2003, 2004, 2006, 2007) // every head can be told (unreachable_test.go shows those who cannot)
	h.say(admin, "/start")
	h.say(headVP, "/start")
	h.say(headCNTT, "/start")

	h.say(admin, "/adddeadline")
	h.say(admin, "Báo cáo kiểm kê tài sản")
	preview := h.say(admin, "30/11/2026 17:00")
	mustContain(t, preview, "Kiểm tra hạn báo cáo mới", "“Báo cáo kiểm kê tài sản”, hạn 30/11/2026 17:00")
	if n := h.count(headVP.ID, "Hạn báo cáo mới"); n != 0 {
		t.Fatalf("the heads were told %d times before the confirm", n)
	}
	mark := h.srv.Mark()
	mustContain(t, h.press(admin, preview, "f:ok"), "Đã thêm hạn “Báo cáo kiểm kê tài sản” lúc 30/11/2026 17:00")
	notice := h.waitText(mark, headVP.ID, "Hạn báo cáo mới")
	mustContain(t, notice, "“Báo cáo kiểm kê tài sản”, hạn 30/11/2026 17:00", "nộp báo cáo của đơn vị ngay từ bây giờ")
	mustContain(t, h.waitText(mark, headCNTT.ID, "New reporting deadline"), "due 30 Nov 2026 17:00")
	if _, ok := notice.Button("rp:"); !ok {
		t.Fatalf("the notice has no report button: %v", notice.Keyboard)
	}
	mustContain(t, h.say(headVP, "/deadlines"), "Báo cáo kiểm kê tài sản", "Kỳ báo cáo: từ 02/11/2026 08:00 đến 30/11/2026 17:00")

	// Corrected: the due time was mistyped. The name is kept.
	list := h.ask(admin, "/deadlines", "Hạn báo cáo")
	ask := h.press(admin, list, "dl:e:")
	mustContain(t, ask, "Sửa hạn báo cáo “Báo cáo kiểm kê tài sản”", "Hiện tại: Báo cáo kiểm kê tài sản")
	due := h.press(admin, ask, "f:keep")
	mustContain(t, due, "Hiện tại: 30/11/2026 17:00")
	mustContain(t, h.say(admin, "01/11/2026 17:00"), "tương lai") // in the past: refused, the form stays
	preview = h.say(admin, "05/12/2026 17:00")
	mustContain(t, preview, "“Báo cáo kiểm kê tài sản”, hạn 30/11/2026 17:00", "→ “Báo cáo kiểm kê tài sản”, hạn 05/12/2026 17:00")
	mark = h.srv.Mark()
	mustContain(t, h.press(admin, preview, "f:ok"), "Đã sửa hạn", "05/12/2026 17:00")
	corrected := h.waitText(mark, headVP.ID, "Hạn báo cáo đã được sửa")
	mustContain(t, corrected, "hạn 05/12/2026 17:00", "trước đây: “Báo cáo kiểm kê tài sản”, hạn 30/11/2026 17:00")
	h.settle()
	mustContain(t, h.current(notice), "hạn 05/12/2026 17:00") // the first notice shows it as it stands
	h.db.View(func(tx *storage.Tx) error {
		ps, _ := tx.Periods(false)
		if len(ps) != 2 { // the quarter's, and the corrected one
			t.Errorf("%d periods after the correction; want 2: %+v", len(ps), ps)
		}
		return nil
	})

	// A press on the first notice's button reports in the corrected period.
	mustContain(t, h.reportVia(headVP, h.current(notice), "rp:", "2 triệu"), "Báo cáo kiểm kê tài sản", "đúng hạn")
	list = h.ask(admin, "/deadlines", "Hạn báo cáo")
	if _, ok := list.Button("dl:"); ok {
		t.Errorf("a deadline with a report still offers to be changed: %v", list.Keyboard)
	}
	for _, forged := range []string{"dl:x:a1", "dl:X:a1", "dl:e:a1"} {
		n := len(h.srv.Requests())
		h.srv.PressForged(admin, list, forged)
		h.settle()
		if h.answered(n, "đã có đơn vị nộp báo cáo") == 0 {
			t.Errorf("%s on a deadline with a report: not refused", forged)
		}
	}

	// Another deadline, added by mistake, deleted.
	h.say(admin, "/adddeadline")
	h.say(admin, "Báo cáo thử")
	preview = h.say(admin, "10/12/2026 17:00")
	mark = h.srv.Mark()
	h.press(admin, preview, "f:ok")
	mistaken := h.waitText(mark, headVP.ID, "“Báo cáo thử”")
	list = h.ask(admin, "/deadlines", "Hạn báo cáo")
	ask = h.press(admin, list, "dl:x:a2")
	mustContain(t, ask, "Xóa hạn báo cáo “Báo cáo thử” (hạn 10/12/2026 17:00)?")
	mark = h.srv.Mark()
	mustContain(t, h.press(admin, ask, "dl:X:a2"), "Đã xóa hạn “Báo cáo thử”")
	h.waitText(mark, headVP.ID, "“Báo cáo thử” (hạn 10/12/2026 17:00) đã được hủy")
	h.settle()
	if now := h.current(mistaken); len(now.Keyboard) != 0 || !strings.Contains(now.Plain, "đã được hủy") {
		t.Errorf("the notice of the deleted deadline: %q %v; want it cancelled, no button", now.Plain, now.Keyboard)
	}
	pick := h.say(headCNTT, "/report")
	if strings.Contains(pick.Plain+strings.Join(buttonTexts(pick), " "), "Báo cáo thử") {
		t.Errorf("/report still offers the deleted deadline: %v", pick.Keyboard)
	}
	n := len(h.srv.Requests())
	stale, _ := mistaken.Button("rp:")
	h.srv.PressForged(headVP, mistaken, stale.Data)
	h.settle()
	if h.answered(n, "Không tìm thấy") == 0 {
		t.Error("a report button of the deleted deadline was not refused")
	}
	mustContain(t, h.say(admin, "/audit"), "sửa hạn báo cáo “Báo cáo kiểm kê tài sản”", "xóa hạn báo cáo “Báo cáo thử”")
}

func buttonTexts(m tgtest.Message) []string {
	var out []string
	for _, row := range m.Keyboard {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

// Bad input is refused clearly and changes nothing: a report for a closed
// period, a report for another unit through a forged button.
func TestReports_ClosedPeriodAndAnotherUnitRefused(t *testing.T) {
	h := newHarnessAt(t, on(time.December, 13, 16, 0))
	h.say(admin, "/start")
	h.say(headVP, "/start")
	h.say(headCNTT, "/start")
	h.sweepAt(on(time.December, 13, 17, 0))
	remind := lastWith(h.srv.Messages(headVP.ID), "Nhắc hạn")
	b, ok := remind.Button("rp:")
	if !ok || !strings.HasSuffix(b.Data, ":VP") {
		t.Fatalf("the reminder's button %q names no unit", b.Data)
	}

	// The head of CNTT forges VP's button: refused, audited, no form.
	n := len(h.srv.Requests())
	h.srv.PressForged(headCNTT, remind, b.Data)
	h.settle()
	if h.answered(n, "your own unit's report") == 0 {
		t.Error("a report button for another unit was not refused")
	}
	h.db.View(func(tx *storage.Tx) error {
		if _, ok, _ := tx.Form(headCNTT.ID); ok {
			t.Error("a forged button for another unit opened a form")
		}
		entries, _ := tx.LatestAudit(10)
		audited := false
		for _, e := range entries {
			audited = audited || (e.Refused && e.Actor == headCNTT.ID && strings.Contains(e.Detail, ":VP"))
		}
		if !audited {
			t.Error("the forged press is not in the audit")
		}
		return nil
	})

	// Past the due time the admin closes the period: the reminder's button
	// is refused, /report no longer offers it.
	h.sweepAt(on(time.December, 21, 9, 0))
	list := h.ask(admin, "/deadlines", "Hạn báo cáo")
	closed := h.press(admin, list, "dc:")
	mustContain(t, closed, "Đã đóng kỳ “Báo cáo quý”")
	n = len(h.srv.Requests())
	h.srv.PressForged(headVP, remind, b.Data)
	h.settle()
	if h.answered(n, "đã đóng") == 0 {
		t.Error("a report for a closed period was not refused")
	}
	pick := h.say(headVP, "/report")
	for _, text := range buttonTexts(pick) {
		if strings.Contains(text, "20/12/2026") {
			t.Errorf("/report offers the closed period: %v", buttonTexts(pick))
		}
	}
	h.db.View(func(tx *storage.Tx) error {
		ps, _ := tx.Periods(false)
		for _, p := range ps {
			for _, u := range []string{"VP", "CNTT"} {
				if _, ok, _ := tx.Report(p.Key, u); ok {
					t.Errorf("a report of %s was stored for %s", u, p.Name)
				}
			}
		}
		return nil
	})
}
