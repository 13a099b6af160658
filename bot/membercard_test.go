package bot_test

import (
	"strings"
	"testing"
)

func TestAnonymise_MemberWhoLeft(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.submitted()
	card := h.say(admin, "/m_5001")
	// Locking and erasing are previewed; a cancel changes nothing.
	sure := h.press(admin, card, "m:x:")
	mustContain(t, sure, "Khóa tài khoản của Nguyễn Văn An (Văn phòng Sở)?")
	back := h.press(admin, sure, "m:c:")
	mustContain(t, back, "đang hoạt động")
	sure = h.press(admin, back, "m:x:")
	h.press(admin, sure, "m:X:")
	card = h.say(admin, "/m_5001")
	sure = h.press(admin, card, "m:a:")
	mustContain(t, sure, "Không thể hoàn tác")
	done := h.press(admin, sure, "m:A:")
	mustContain(t, done, "Đã xóa thông tin cá nhân")
	idea := h.say(admin, "/sk_1")
	mustContain(t, idea, "(đã xóa thông tin cá nhân)", "Văn phòng Sở")
	if strings.Contains(idea.Plain, "Nguyễn Văn An") {
		t.Errorf("the anonymised name still shows: %q", idea.Plain)
	}
	// The word is the reader's language's: storage keeps none.
	h.say(admin, "/lang en")
	mustContain(t, h.say(admin, "/sk_1"), "(personal data erased)")
}
