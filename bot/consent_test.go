package bot_test

import (
	"testing"

	"thiduabot/storage"
)

// A member withdraws their consent from /mydata: previewed with what it
// does, a cancel changes nothing, and the confirm locks the account at
// once, asks the admins to erase the personal data and is audited.
func TestConsent_WithdrawnFromMyData(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	req := h.requests(staffAn)
	mustContain(t, req, "rút lại sự đồng ý")
	sure := h.press(staffAn, req, "md:w")
	mustContain(t, sure, "Rút lại sự đồng ý xử lý dữ liệu cá nhân?", "bị khóa ngay", "xóa thông tin cá nhân", "Không thể hoàn tác")
	member := func() storage.Member {
		var m storage.Member
		h.db.View(func(tx *storage.Tx) error {
			m, _, _ = tx.Member(staffAn.ID)
			return nil
		})
		return m
	}
	back := h.press(staffAn, sure, "md:c")
	h.settle()
	if m := member(); !m.Active() || m.ConsentAt.IsZero() || h.count(admin.ID, "Rút lại sự đồng ý") != 0 {
		t.Fatalf("a cancel changed something: %+v", m)
	}
	sure = h.press(staffAn, back, "md:w")
	mark := h.srv.Mark()
	done := h.press(staffAn, sure, "md:W")
	mustContain(t, done, "Đồng chí đã rút lại sự đồng ý")
	notice := h.waitText(mark, admin.ID, "Rút lại sự đồng ý")
	mustContain(t, notice, "Nguyễn Văn An (Văn phòng Sở)", "/m_5001")
	m := member()
	if m.Active() || !m.ConsentAt.IsZero() || m.ErasureAskedAt.IsZero() {
		t.Errorf("after the withdrawal: active %v, consent %v, erasure asked %v", m.Active(), m.ConsentAt, m.ErasureAskedAt)
	}
	mustContain(t, h.say(admin, "/audit"), "Nguyễn Văn An rút lại sự đồng ý xử lý dữ liệu cá nhân")
	// The admin erases the data on the card, as any erasure.
	card := h.say(admin, "/m_5001")
	if _, ok := card.Button("m:a:"); !ok {
		t.Errorf("the card offers no erasure: %v", card.Keyboard)
	}
}
