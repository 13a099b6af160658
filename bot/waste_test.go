package bot_test

import (
	"strings"
	"testing"

	"thiduabot/bot/tgtest"
)

func TestWaste_ReporterKnownOnlyToAdminsAndDirectors(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.say(director, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	h.say(staffAn, "/waste")
	mark := h.srv.Mark()
	h.srv.SendPhoto(staffAn, "Đèn hành lang tầng 3 bật cả ngày lẫn đêm.")
	h.waitText(mark, staffAn.ID, "Đã tiếp nhận phản ánh PA-1")
	acard := h.waitText(mark, admin.ID, "Phản ánh lãng phí mới")
	mustContain(t, acard, "Người phản ánh: Nguyễn Văn An", "Có ảnh")
	mustContain(t, h.waitText(mark, director.ID, "Phản ánh lãng phí mới"), "Nguyễn Văn An")

	h.press(admin, acard, "w:c:")
	h.waitText(mark, staffAn.ID, "đang kiểm tra")
	h.settle()
	// Every card of the report shows it being checked, and by whom.
	for _, c := range []tgtest.Message{acard} {
		mustContain(t, h.current(c), "đang kiểm tra", "Đang kiểm tra – Phạm Thu Hà")
	}
	acard = h.say(admin, "/pa_1")
	mustContain(t, acard, "đang kiểm tra")
	h.press(admin, acard, "w:h:")
	pub := h.say(admin, "Đã lắp cảm biến chuyển động cho đèn hành lang.")
	// Public: the post is previewed, with Đăng / Sửa / Hủy; "Sửa" asks for
	// the outcome again.
	preview := h.press(admin, pub, "f:yes")
	mustContain(t, preview, "Xem trước bài công khai", "Kết quả xử lý phản ánh lãng phí PA-1", "cảm biến chuyển động")
	h.settle()
	if h.count(h.cfg.Telegram.GroupChatID, "PA-1") != 0 {
		t.Fatal("the waste report was made public before its preview was confirmed")
	}
	h.press(admin, preview, "f:again")
	pub = h.say(admin, "Đã lắp cảm biến chuyển động cho đèn hành lang tầng 3.")
	preview = h.press(admin, pub, "f:yes")
	mustContain(t, preview, "tầng 3")
	mark = h.srv.Mark()
	h.press(admin, preview, "f:ok")
	notice := h.waitText(mark, h.cfg.Telegram.GroupChatID, "Kết quả xử lý phản ánh lãng phí PA-1")
	mustContain(t, notice, "cảm biến chuyển động")
	h.waitText(mark, staffAn.ID, "đã xử lý")

	// A head asking for the report is refused, and nobody but the admin,
	// the director and An ever saw An's name next to the report.
	mustContain(t, h.say(headVP, "/pa_1"), "không có quyền")
	h.settle()
	for _, m := range h.srv.Log() {
		if m.ChatID == admin.ID || m.ChatID == director.ID || m.ChatID == staffAn.ID {
			continue
		}
		if strings.Contains(m.Plain, "PA-1") && strings.Contains(m.Plain, "Nguyễn Văn An") {
			t.Errorf("chat %d saw the reporter's name: %q", m.ChatID, m.Plain)
		}
	}
}
