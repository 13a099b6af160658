package bot_test

import (
	"testing"

	"thiduabot/storage"
)

// A configured head is asked their full name the first time they write;
// a one-word name is refused; what they first wrote is done once the name
// is given, and the name, capitalised, is what others see.
func TestName_ConfiguredHeadGivesTheirNameFirst(t *testing.T) {
	h := newHarness(t)
	head := headVP
	head.ID = 2002 // the head of Thanh tra Sở, who has not written yet
	notice := h.say(head, "/invite TT")
	// Told first what is kept, as a newcomer is; the consent is recorded.
	mustContain(t, notice, "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15", "Đồng chí có đồng ý không?")
	mustContain(t, h.say(head, "Hùng"), "Vui lòng chọn “Đồng ý”")
	mark := h.srv.Mark()
	if _, err := h.srv.Press(head, notice, "f:yes"); err != nil {
		t.Fatal(err)
	}
	ask := h.waitText(mark, head.ID, "họ và tên đầy đủ")
	mustContain(t, ask, "Xin chào đồng chí", "Chánh Thanh tra Sở", "họ và tên đầy đủ")
	mustContain(t, h.say(head, "Hùng"), "ít nhất hai chữ")
	mustContain(t, h.say(head, "/help"), "họ và tên đầy đủ") // still asked
	mark = h.srv.Mark()
	h.srv.SendText(head, "nguyễn  văn hùng")
	mustContain(t, h.next(mark, head.ID), "Cảm ơn đồng chí Nguyễn Văn Hùng")
	h.waitText(mark, head.ID, "?start=") // the /invite they first typed
	h.db.View(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(head.ID)
		if m.FullName != "Nguyễn Văn Hùng" {
			t.Errorf("stored name = %q; want %q", m.FullName, "Nguyễn Văn Hùng")
		}
		if m.ConsentAt.IsZero() {
			t.Error("the configured head's consent was not recorded")
		}
		return nil
	})
	mustContain(t, h.say(head, "/help"), "/invite")
}
