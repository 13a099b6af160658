package bot_test

import (
	"strings"
	"testing"

	"thiduabot/storage"
)

// A position is given at joining, in the same answer as the name; the
// head sees it on the request, corrects it from the member's card (a bad
// one refused, nothing changed); group posts name people by it, and heads
// by their unit's head_title.
func TestPositions_GivenAtJoiningCorrectedByTheHeadUsedInPosts(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	ask := h.consent(staffAn, code)
	mustContain(t, ask, "chức vụ sau dấu phẩy", "Nguyễn Thị Hoa, Chuyên viên")
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "Nguyễn Văn An, chuyên viên")
	req := h.waitText(mark, headVP.ID, "Nguyễn Văn An")
	mustContain(t, req, "Chức vụ: Chuyên viên")
	h.press(headVP, req, "j:a:")
	h.waitText(mark, staffAn.ID, "/idea")
	h.settle()

	card := h.say(headVP, "/m_5001")
	mustContain(t, card, "Chức vụ: Chuyên viên")
	mustContain(t, h.press(headVP, card, "ps:5001"), "Nhập chức vụ của đồng chí Nguyễn Văn An (hiện tại: Chuyên viên)")
	mustContain(t, h.say(headVP, "Chuyên viên <b>"), "Chức vụ chỉ gồm chữ")
	mustContain(t, h.say(headVP, strings.Repeat("Phó ", 30)), "tối đa 80 ký tự")
	h.db.View(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(staffAn.ID)
		if m.Position != "Chuyên viên" {
			t.Errorf("after refused positions An's is %q; want Chuyên viên", m.Position)
		}
		return nil
	})
	mustContain(t, h.say(headVP, "Chuyên viên chính"), "Đã ghi chức vụ của đồng chí Nguyễn Văn An: Chuyên viên chính")
	// Another unit's head may not: a forged button is refused.
	n := len(h.srv.Requests())
	h.say(headCNTT, "/start")
	h.srv.PressForged(headCNTT, card, "ps:5001")
	h.settle()
	if h.answered(n, "not allowed") == 0 && h.answered(n, "không có quyền") == 0 {
		t.Error("another unit's head could correct An's position")
	}

	// An idea's card names its author by position.
	mark = h.srv.Mark()
	h.submitIdea(staffAn, "In hai mặt", "Mặc định in hai mặt mọi văn bản nội bộ.", "2 triệu")
	mustContain(t, h.waitText(mark, headVP.ID, "SK-1"), "Tác giả: Nguyễn Văn An, Chuyên viên chính (Văn phòng Sở)")

	// The head is called by the unit's head_title; posts name people by
	// their positions.
	mustContain(t, h.say(headVP, "/start"), "Chánh Văn phòng Sở")
	q := h.say(director, "/praise")
	h.press(director, q, "f:person")
	pick := h.say(director, "văn an")
	h.press(director, pick, "f:m:")
	preview := h.say(director, "Có sáng kiến tiết kiệm điện hiệu quả nhất quý.")
	mark = h.srv.Mark()
	h.press(director, preview, "f:ok")
	mustContain(t, h.waitText(mark, h.cfg.Telegram.GroupChatID, "Biểu dương"),
		"Đồng chí Lê Quang Minh, lãnh đạo Sở, biểu dương đồng chí Nguyễn Văn An, Chuyên viên chính Văn phòng Sở: Có sáng kiến")
}
