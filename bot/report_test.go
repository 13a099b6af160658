package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func TestReports_Refusals(t *testing.T) {
	h := newHarnessAt(t, at(14, 9, 0))
	h.sweepAt(at(14, 9, 0))
	h.join(staffAn, "Nguyễn Văn An")
	mustContain(t, h.say(staffAn, "/report"), "không có quyền")

	pick := h.say(headVP, "/report")
	h.press(headVP, pick, "rp:")
	mustContain(t, h.say(headVP, "-5"), "không được âm")
	h.say(headVP, "5 triệu")
	h.say(headVP, "Lắp đặt xong.")
	mark := h.srv.Mark()
	h.srv.SendDocument(headVP, "setup.exe", "application/octet-stream", 1000)
	mustContain(t, h.next(mark, headVP.ID), "PDF, DOC, DOCX, ODT, XLS hoặc XLSX")
	mark = h.srv.Mark()
	h.srv.SendDocument(headVP, "baocao.pdf", "application/pdf", 25<<20)
	mustContain(t, h.next(mark, headVP.ID), "tối đa 20 MB")
	mark = h.srv.Mark()
	h.srv.SendDocument(headVP, "baocao-quy4.odt", "application/vnd.oasis.opendocument.text", 40<<10)
	confirm := h.next(mark, headVP.ID)
	mustContain(t, confirm, "baocao-quy4.odt", "5.000.000 đ")
	mustContain(t, h.press(headVP, confirm, "f:ok"), "đúng hạn")

	h.say(admin, "/start")
	h.say(admin, "/adddeadline")
	h.say(admin, "Báo cáo tổng kết năm")
	mustContain(t, h.say(admin, "01/12/2026 17:00"), "sau thời điểm hiện tại")
	mustContain(t, h.say(admin, "ngày mai"), "dd/mm/yyyy")
	// Adding tells every head: previewed first.
	preview := h.say(admin, "31/12/2026 17:00")
	mustContain(t, preview, "Kiểm tra hạn báo cáo mới", "“Báo cáo tổng kết năm”, hạn 31/12/2026 17:00")
	mark = h.srv.Mark()
	mustContain(t, h.press(admin, preview, "f:ok"), "Đã thêm hạn báo cáo “Báo cáo tổng kết năm”, thời hạn nộp: 31/12/2026 17:00")
	h.waitText(mark, headVP.ID, "Hạn báo cáo mới") // and the heads are told
	mustContain(t, h.say(headVP, "/deadlines"), "Báo cáo quý", "Đơn vị của đồng chí: đã nộp", "Báo cáo tổng kết năm")
}

// report files a report as head through the form opened from m's button.
func (h *harness) report(head tgtest.User, m tgtest.Message, saved string) tgtest.Message {
	h.t.Helper()
	h.press(head, m, "rp:")
	h.skipInfra(head, h.say(head, saved))
	doc := h.say(head, "Hoàn thành lắp đặt 12 điểm Wi-Fi công cộng.")
	confirm := h.press(head, doc, "f:skip")
	return h.press(head, confirm, "f:ok")
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
		if _, ok, _ := tx.Forms().Get(headCNTT.ID); ok {
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

// reportVia files a report as head through the report button of m.
func (h *harness) reportVia(head tgtest.User, m tgtest.Message, button, saved string) tgtest.Message {
	h.t.Helper()
	h.press(head, m, button)
	h.skipInfra(head, h.say(head, saved))
	doc := h.say(head, "Đã triển khai hội nghị truyền hình cho 3 phòng họp.")
	confirm := h.press(head, doc, "f:skip")
	return h.press(head, confirm, "f:ok")
}
