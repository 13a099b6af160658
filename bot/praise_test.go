package bot_test

import "testing"

func TestPraise_PostedInTheGroup(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	q := h.say(director, "/praise")
	h.press(director, q, "f:person")
	pick := h.say(director, "văn an")
	reason := h.press(director, pick, "f:m:")
	mustContain(t, reason, "nội dung biểu dương")
	// A praise is public: previewed, and posted only once confirmed.
	preview := h.say(director, "Có sáng kiến tiết kiệm điện hiệu quả nhất quý.")
	mustContain(t, preview, "Biểu dương Nguyễn Văn An (Văn phòng Sở)", "Sẽ đăng trong nhóm")
	h.settle()
	if n := h.count(h.cfg.Telegram.GroupChatID, "Biểu dương"); n != 0 {
		t.Fatal("the praise was posted before its confirm")
	}
	mark := h.srv.Mark()
	h.press(director, preview, "f:ok")
	mustContain(t, h.waitText(mark, h.cfg.Telegram.GroupChatID, "Biểu dương"), "Đồng chí Lê Quang Minh, lãnh đạo Sở, biểu dương đồng chí Nguyễn Văn An, cán bộ Văn phòng Sở: Có sáng kiến tiết kiệm điện")
	h.waitText(mark, staffAn.ID, "Đồng chí được")
	mustContain(t, h.say(staffAn, "/praise"), "không có quyền")
}
