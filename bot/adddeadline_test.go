package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/storage"
)

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
	mustContain(t, h.press(admin, preview, "f:ok"), "Đã thêm hạn báo cáo “Báo cáo kiểm kê tài sản”, thời hạn nộp: 30/11/2026 17:00")
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
	mustContain(t, h.say(admin, "01/11/2026 17:00"), "sau thời điểm hiện tại") // in the past: refused, the form stays
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

// A deadline typed as a date alone is taken as 17:00, and the preview says so.
func TestDeadlines_ADateAloneIsFivePM(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.say(admin, "/adddeadline")
	h.say(admin, "Báo cáo kiểm kê tài sản")
	preview := h.say(admin, "31/12/2026")
	mustContain(t, preview, "Kiểm tra hạn báo cáo mới", "hạn 31/12/2026 17:00")
}
