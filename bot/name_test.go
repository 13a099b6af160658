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
	ask := h.say(head, "/invite TT")
	mustContain(t, ask, "Chào đồng chí", "Chánh Thanh tra Sở", "họ và tên đầy đủ")
	mustContain(t, h.say(head, "Hùng"), "ít nhất hai chữ")
	mustContain(t, h.say(head, "/help"), "họ và tên đầy đủ") // still asked
	mark := h.srv.Mark()
	h.srv.SendText(head, "nguyễn  văn hùng")
	mustContain(t, h.next(mark, head.ID), "Cảm ơn đồng chí Nguyễn Văn Hùng")
	h.waitText(mark, head.ID, "?start=") // the /invite they first typed
	h.db.View(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(head.ID)
		if m.FullName != "Nguyễn Văn Hùng" {
			t.Errorf("stored name = %q; want %q", m.FullName, "Nguyễn Văn Hùng")
		}
		return nil
	})
	mustContain(t, h.say(head, "/help"), "/invite")
}
