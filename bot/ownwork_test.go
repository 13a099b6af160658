package bot_test

import (
	"strings"
	"testing"

	"thiduabot/storage"
)

// SPEC §2: no one reviews their own work. A head's own idea skips their
// review and goes straight to the director, who decides it; the head is
// shown no button of their own, and a forged press is refused and audited.
func TestIdea_AHeadsOwnIdeaGoesToTheDirector(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.say(headVP, "/start")
	mark := h.srv.Mark()
	h.submitIdea(headVP, "Dùng chung máy in cả tầng", "Gom máy in về một phòng, in hai mặt.", "12 triệu")
	receipt := h.waitText(mark, headVP.ID, "Đã lưu sáng kiến")
	mustContain(t, receipt, "gửi thẳng lên lãnh đạo Sở")
	dcard := h.waitText(mark, director.ID, "SK-1")
	mustContain(t, dcard, "Sáng kiến của trưởng đơn vị (Văn phòng Sở – Đỗ Văn Hùng), gửi thẳng lên Sở", "Dùng chung máy in cả tầng")
	if _, ok := dcard.Button("r:a:"); !ok {
		t.Fatalf("the director's card has no accept button: %v", dcard.Keyboard)
	}
	h.settle()
	for _, m := range h.srv.Messages(headVP.ID) {
		for _, row := range m.Keyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "r:e:") || strings.HasPrefix(b.Data, "r:a:") || strings.HasPrefix(b.Data, "r:r:") || strings.HasPrefix(b.Data, "r:x:") {
					t.Errorf("the author was shown %q on %q", b.Text, m.Plain)
				}
			}
		}
	}
	own := h.say(headVP, "/sk_1")
	if _, ok := own.Button("r:w:"); !ok || len(own.Keyboard) != 1 || len(own.Keyboard[0]) != 1 {
		t.Errorf("the author's own card: %v; want only the withdraw button", own.Keyboard)
	}
	mustContain(t, h.say(headVP, "/review"), "Không có sáng kiến nào")

	// Forged presses: endorse, return, reject, accept, all refused and
	// audited, and the idea untouched.
	for _, data := range []string{"r:e:1", "r:r:1", "r:x:1", "r:a:1"} {
		n := len(h.srv.Requests())
		h.srv.PressForged(headVP, own, data)
		h.settle()
		if h.answered(n, "không có quyền") == 0 {
			t.Errorf("forged %s by the author: not refused", data)
		}
	}
	h.db.View(func(tx *storage.Tx) error {
		idea, err := tx.Idea(1)
		if err != nil || idea.Status != storage.IdeaSubmitted || len(idea.History) != 1 {
			t.Errorf("after the forged presses: %s with %d events (%v); want submitted, untouched", idea.Status, len(idea.History), err)
		}
		entries, err := tx.LatestAudit(20)
		refused := 0
		for _, e := range entries {
			if e.Refused && e.Actor == headVP.ID && strings.Contains(e.Detail, ":1") {
				refused++
			}
		}
		if refused != 4 {
			t.Errorf("%d refusals of the author audited; want 4 (%v)", refused, err)
		}
		return nil
	})

	// The director's queue holds it, and the director accepts it.
	mustContain(t, h.say(director, "/review"), "xem xét: 1")
	h.settle()
	mark = h.srv.Mark()
	q := h.press(director, dcard, "r:a:")
	q = h.press(director, q, "f:8")
	q = h.press(director, q, "f:7")
	preview := h.press(director, q, "f:9")
	h.press(director, preview, "f:ok")
	h.waitText(mark, headVP.ID, "đã được công nhận")
	h.settle()
	if n := h.count(headVP.ID, "của đơn vị đã được công nhận"); n != 0 {
		t.Errorf("the author was told %d times as the unit's head too", n)
	}
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Status != storage.IdeaAccepted {
			t.Errorf("idea = %s; want accepted", idea.Status)
		}
		for _, e := range idea.History {
			if e.Status == storage.IdeaEndorsed {
				t.Errorf("the head's own idea was endorsed by %d", e.Actor)
			}
		}
		return nil
	})
}

// A director's own idea goes, after the unit's head, to the admins when
// there is no other director; the author is shown no button and a forged
// accept is refused.
func TestIdea_ASoleDirectorsOwnIdeaGoesToTheAdmins(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.say(director, "/start")
	h.say(headVP, "/start")
	err := h.db.Update(func(tx *storage.Tx) error { // the director also works in VP
		d, _, err := tx.Member(director.ID)
		if err != nil {
			return err
		}
		d.Unit, d.Role = "VP", storage.RoleStaff
		return tx.PutMember(d)
	})
	if err != nil {
		t.Fatal(err)
	}
	mark := h.srv.Mark()
	h.submitIdea(director, "Họp trực tuyến thay họp tập trung", "Họp giao ban qua hội nghị truyền hình.", "30 triệu")
	card := h.waitText(mark, headVP.ID, "Sáng kiến mới của Lê Quang Minh")
	mark = h.srv.Mark()
	h.press(headVP, card, "r:e:")
	acard := h.waitText(mark, admin.ID, "SK-1")
	mustContain(t, acard, "Thường trực Hội đồng Thi đua – Khen thưởng xét thay", "Họp trực tuyến")
	if _, ok := acard.Button("r:a:"); !ok {
		t.Fatalf("the admin's card has no accept button: %v", acard.Keyboard)
	}
	h.settle()
	if n := h.count(director.ID, "Sáng kiến được Văn phòng Sở đề xuất"); n != 0 {
		t.Errorf("the director got their own idea to decide %d times", n)
	}
	n := len(h.srv.Requests())
	h.srv.PressForged(director, acard, "r:a:1")
	h.settle()
	if h.answered(n, "không có quyền") == 0 {
		t.Error("the director's forged accept of their own idea was not refused")
	}
	q := h.press(admin, acard, "r:a:")
	q = h.press(admin, q, "f:6")
	q = h.press(admin, q, "f:6")
	preview := h.press(admin, q, "f:6")
	mark = h.srv.Mark()
	h.press(admin, preview, "f:ok")
	h.waitText(mark, director.ID, "đã được công nhận")
}
