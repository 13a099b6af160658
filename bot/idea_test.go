package bot_test

import (
	"strings"
	"testing"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// Cancel on the confirm card leaves the form: nothing stored, the card
// loses its buttons, and the person is told.
func TestIdea_CancelOnTheConfirmCard(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Tắt điều hòa khi rời phòng")
	h.say(staffAn, "Gắn nhắc nhở.")
	confirm := h.say(staffAn, "6 triệu")
	reply := h.press(staffAn, confirm, "f:cancel")
	mustContain(t, reply, "Đã hủy")
	h.settle()
	for _, m := range h.srv.Messages(staffAn.ID) {
		if m.ID == confirm.ID && len(m.Keyboard) != 0 {
			t.Errorf("the confirm card kept its buttons: %v", m.Keyboard)
		}
	}
	h.db.View(func(tx *storage.Tx) error {
		if _, total, _ := tx.Ideas(storage.IdeaFilter{}, 10); total != 0 {
			t.Errorf("%d ideas stored after a cancel", total)
		}
		if _, ok, _ := tx.Forms().Get(staffAn.ID); ok {
			t.Error("the form is still open after a cancel")
		}
		return nil
	})
}

// submitIdea fills the idea form as u and returns the idea's ref (SK-n).
func (h *harness) submitIdea(u tgtest.User, title, desc, savings string) string {
	h.t.Helper()
	theme := h.say(u, "/idea")
	h.press(u, theme, "f:thrift")
	h.say(u, title)
	h.say(u, desc)
	confirm := h.say(u, savings)
	if strings.Contains(confirm.Plain, "Đã có sáng kiến giống") { // similar ideas are in: send anyway
		confirm = h.press(u, confirm, "f:go")
	}
	mark := h.srv.Mark()
	if _, err := h.srv.Press(u, confirm, "f:ok"); err != nil {
		h.t.Fatal(err)
	}
	saved := h.waitText(mark, u.ID, "SK-")
	i := strings.Index(saved.Plain, "SK-")
	return strings.Fields(saved.Plain[i:])[0]
}
