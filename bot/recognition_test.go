package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// approvedAndApplied takes SK-1, just submitted by An, through the unit's
// proposal, the director's approval for application and An's progress to
// 100 %, through the real client; it returns An's card of it, applied.
func (h *harness) approvedAndApplied() tgtest.Message {
	h.t.Helper()
	card := h.submitted()
	mark := h.srv.Mark()
	h.press(headVP, card, "r:e:")
	dcard := h.waitText(mark, director.ID, "SK-1")
	q := h.press(director, dcard, "r:a:")
	q = h.press(director, q, "f:8")
	q = h.press(director, q, "f:7")
	h.press(director, h.press(director, q, "f:9"), "f:ok")
	h.waitText(mark, staffAn.ID, "đã được chấp thuận áp dụng")
	h.settle()
	pick := h.say(staffAn, "/progress")
	h.press(staffAn, pick, "g:1")
	h.say(staffAn, "100%")
	h.say(staffAn, "12.500.000")
	confirm := h.say(staffAn, "Đã lắp xong hẹn giờ ở mọi phòng.")
	h.press(staffAn, confirm, "f:ok")
	h.settle()
	return h.say(staffAn, "/sk_1")
}

// recognisedCount is how many of An's initiatives /commend counts as
// recognised in 2026.
func (h *harness) recognisedCount() int64 {
	var n int64
	h.db.View(func(tx *storage.Tx) error {
		n = tx.RecognisedByMember("Y2026")[5001]
		return nil
	})
	return n
}

// An idea goes through every state to recognition, with its decision,
// and only then counts toward titles; the decision's bad input is refused
// with an example and changes nothing; the group's post is previewed.
func TestRecognition_WholePathToTheDecision(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.cfg.Org.InitiativeCouncil = []int64{admin.ID}
	h.say(director, "/start")
	h.say(admin, "/start")
	card := h.approvedAndApplied()
	mustContain(t, card, "Trạng thái: đã áp dụng", "Tiến độ: 100%")
	if n := h.recognisedCount(); n != 0 {
		t.Fatalf("an applied idea counts as recognised (%d) before any decision", n)
	}
	if h.count(h.cfg.Telegram.GroupChatID, "Công nhận sáng kiến") != 0 {
		t.Fatal("the group heard of a recognition before any decision")
	}
	// The director may not recognise what was not asked for: a forged
	// button is refused, and nothing changes.
	n := len(h.srv.Requests())
	h.srv.PressForged(director, card, "r:R:1")
	h.settle()
	if h.answered(n, "không còn ở bước này") == 0 {
		t.Errorf("a recognition never asked for was not refused: %v", h.srv.Requests()[n:])
	}

	// The author asks for recognition: the director gets the card with
	// the decision's buttons, the council is asked for its opinion, the
	// head is told.
	mark := h.srv.Mark()
	mustContain(t, h.press(staffAn, card, "r:q:"), "Đã đề nghị công nhận sáng kiến SK-1")
	dcard := h.waitText(mark, director.ID, "Đề nghị công nhận sáng kiến – Nguyễn Văn An")
	council := h.waitText(mark, admin.ID, "Hội đồng sáng kiến cho ý kiến")
	mustContain(t, council, "SK-1", "12.500.000 đ")
	h.waitText(mark, headVP.ID, "đã được tác giả đề nghị công nhận")
	// The council gives its opinion first; the director hears it; a
	// member not on the council may not.
	n = len(h.srv.Requests())
	h.srv.PressForged(headVP, council, "r:o:1")
	h.settle()
	if h.answered(n, "không có quyền") == 0 {
		t.Error("a head not on the council could give the council's opinion")
	}
	mustContain(t, h.press(admin, council, "r:o:1"), "Ý kiến của Hội đồng sáng kiến về đề nghị công nhận SK-1")
	mark = h.srv.Mark()
	mustContain(t, h.say(admin, "Đề nghị công nhận: hiệu quả rõ, áp dụng được ở các phòng khác."), "Đã ghi ý kiến")
	h.waitText(mark, director.ID, "Ý kiến của Hội đồng sáng kiến – Phạm Thu Hà: Đề nghị công nhận: hiệu quả rõ")
	h.settle()
	mustContain(t, h.say(staffAn, "/sk_1"), "ý kiến Hội đồng sáng kiến (Phạm Thu Hà): Đề nghị công nhận: hiệu quả rõ")
	if _, ok := dcard.Button("r:R:"); !ok {
		t.Fatalf("the director's card has no recognise button: %v", dcard.Keyboard)
	}

	// The decision: its number and date, each checked.
	ask := h.press(director, dcard, "r:R:")
	mustContain(t, ask, "số quyết định", "125/QĐ-STTTT")
	for _, tc := range []struct{ in, want string }{
		{"   ", "Chưa có số quyết định"},
		{"quyết định", "không phải số quyết định. Nhập như ví dụ: 125/QĐ-STTTT"},
	} {
		mustContain(t, h.say(director, tc.in), tc.want)
	}
	mustContain(t, h.say(director, "125/QĐ-STTTT"), "ngày ký", "ví dụ")
	for _, tc := range []struct{ in, want string }{
		{"32/13/2026", "Không hiểu ngày “32/13/2026”; nhập ngày/tháng/năm, ví dụ: 01/12/2026"},
		{"hôm qua", "Không hiểu ngày"},
		{"21/11/2026", "Ngày 21/11/2026 chưa đến"},
		{"01/01/2026", "trước ngày sáng kiến được chấp thuận áp dụng"},
	} {
		mustContain(t, h.say(director, tc.in), tc.want)
	}
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Status != storage.IdeaRequested || idea.Recognition != nil {
			t.Errorf("after refused input SK-1 is %s, %v; want requested, no decision", idea.Status, idea.Recognition)
		}
		return nil
	})
	preview := h.say(director, "20/11/2026")
	mustContain(t, preview, "Xem trước bài đăng", "Công nhận sáng kiến", "Sáng kiến SK-1 “Tắt điều hòa khi rời phòng” của đồng chí Nguyễn Văn An, cán bộ Văn phòng Sở được công nhận là sáng kiến cấp cơ sở theo Quyết định số 125/QĐ-STTTT ngày 20/11/2026", "12.500.000 đ")
	for _, b := range []string{"f:ok", "f:again", "f:cancel"} {
		if _, ok := preview.Button(b); !ok {
			t.Errorf("the preview has no %s button: %v", b, preview.Keyboard)
		}
	}
	h.settle()
	if h.count(h.cfg.Telegram.GroupChatID, "Công nhận sáng kiến") != 0 || h.recognisedCount() != 0 {
		t.Fatal("the recognition was made before its preview was confirmed")
	}
	mark = h.srv.Mark()
	h.press(director, preview, "f:ok")
	group := h.waitText(mark, h.cfg.Telegram.GroupChatID, "Công nhận sáng kiến")
	mustContain(t, group, "Quyết định số 125/QĐ-STTTT ngày 20/11/2026", "cấp cơ sở")
	mustContain(t, h.waitText(mark, staffAn.ID, "đã được công nhận theo Quyết định số 125/QĐ-STTTT ngày 20/11/2026"), "cấp cơ sở")
	h.waitText(mark, headVP.ID, "của đơn vị đã được công nhận (Quyết định số 125/QĐ-STTTT")
	h.settle()
	mustContain(t, h.say(staffAn, "/sk_1"), "Trạng thái: được công nhận là sáng kiến", "Công nhận: Quyết định số 125/QĐ-STTTT ngày 20/11/2026, cấp cơ sở")
	if n := h.recognisedCount(); n != 1 {
		t.Errorf("recognised initiatives of An in 2026 = %d; want 1", n)
	}
	// Now, and only now, /commend holds it as evidence.
	mark = h.srv.Mark()
	h.srv.SendText(director, "/commend 2026")
	mustContain(t, h.waitText(mark, director.ID, "Đề xuất khen thưởng năm 2026"), "Nguyễn Văn An (Văn phòng Sở): 1 sáng kiến – SK-1")
	h.settle()
	var audited bool
	h.db.View(func(tx *storage.Tx) error {
		entries, _ := tx.LatestAudit(20)
		for _, e := range entries {
			audited = audited || (e.Action == "idea.recognise" && strings.Contains(e.Detail, "125/QĐ-STTTT"))
		}
		return nil
	})
	if !audited {
		t.Error("the recognition is not in the audit log with its decision")
	}
}

// Not recognised is the director's refusal at the last step: named for
// it, previewed, with its reason; and nothing counts.
func TestRecognition_NotRecognisedIsNamedAndPreviewed(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	card := h.approvedAndApplied()
	mark := h.srv.Mark()
	h.press(staffAn, card, "r:q:")
	dcard := h.waitText(mark, director.ID, "Đề nghị công nhận sáng kiến")
	mustContain(t, h.press(director, dcard, "r:n:"), "lý do không công nhận sáng kiến SK-1")
	preview := h.say(director, "Hiệu quả chưa được kiểm chứng.")
	mustContain(t, preview, "Xem lại trước khi gửi", "không được lãnh đạo Sở công nhận là sáng kiến (Lê Quang Minh)", "Lý do: Hiệu quả chưa được kiểm chứng.")
	mark = h.srv.Mark()
	h.press(director, preview, "f:ok")
	mustContain(t, h.waitText(mark, staffAn.ID, "không được lãnh đạo Sở công nhận"), "Lý do: Hiệu quả chưa được kiểm chứng.")
	h.waitText(mark, headVP.ID, "không được công nhận. Lý do: Hiệu quả chưa được kiểm chứng.")
	h.settle()
	mustContain(t, h.say(staffAn, "/sk_1"), "Trạng thái: không được công nhận")
	if n := h.recognisedCount(); n != 0 {
		t.Errorf("a refused recognition counts: %d", n)
	}
}

// A director deciding a head's own idea (sent straight to the directors)
// sees and says the director's words, never the head's "Không đề xuất".
func TestRecognition_ADirectorRefusingAHeadsIdeaSaysTheDirectorsWords(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.say(headVP, "/start")
	mark := h.srv.Mark()
	h.submitIdea(headVP, "Dùng chung máy in cả tầng", "Gom máy in về một phòng, in hai mặt.", "12 triệu")
	dcard := h.waitText(mark, director.ID, "SK-1")
	b, ok := dcard.Button("r:x:")
	if !ok || b.Text != "❌ Không chấp thuận áp dụng" {
		t.Fatalf("the director's refusal button on a head's idea = %q, %v; want ❌ Không chấp thuận áp dụng", b.Text, ok)
	}
	mustContain(t, h.press(director, dcard, "r:x:"), "lý do không chấp thuận áp dụng SK-1")
	preview := h.say(director, "Chưa phù hợp.")
	if strings.Contains(preview.Plain, "đơn vị đề xuất") {
		t.Errorf("the director's preview speaks as the head: %q", preview.Plain)
	}
	mark = h.srv.Mark()
	h.press(director, preview, "f:ok")
	h.waitText(mark, headVP.ID, "không được lãnh đạo Sở chấp thuận áp dụng")
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Status != storage.IdeaNotApproved {
			t.Errorf("the director's refusal of a head's idea stored %s; want %s", idea.Status, storage.IdeaNotApproved)
		}
		return nil
	})
}

// Recognising an idea never approved for application, nor applied, is
// refused and says so; a forged button changes nothing.
func TestRecognition_NeverAppliedIsRefused(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	card := h.submitted()
	for _, verb := range []string{"r:R:1", "r:n:1"} {
		n := len(h.srv.Requests())
		h.srv.PressForged(director, card, verb)
		h.settle()
		if h.answered(n, "chưa được chấp thuận áp dụng và áp dụng xong") == 0 {
			t.Errorf("%s on an idea just submitted was not refused as never applied", verb)
		}
	}
	n := len(h.srv.Requests())
	h.srv.PressForged(staffAn, card, "r:q:1")
	h.settle()
	if h.answered(n, "chưa được chấp thuận áp dụng và áp dụng xong") == 0 {
		t.Error("asking recognition of an idea just submitted was not refused as never applied")
	}
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Status != storage.IdeaSubmitted || idea.Recognition != nil {
			t.Errorf("after the refusals SK-1 is %s, %v; want submitted", idea.Status, idea.Recognition)
		}
		return nil
	})
}
