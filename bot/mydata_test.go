package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// /mydata is a readable document in the person's language, naming the law,
// and complete: the member record, ideas with history and progress, waste
// reports, praises, points, the open form and the audit entries about them.
func TestMyData_ReadableAndComplete(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea() // An: SK-1 accepted, 60 % done, 3.200.000 đ saved
	err := h.db.Update(func(tx *storage.Tx) error {
		an, _, _ := tx.Member(staffAn.ID)
		d, _, _ := tx.Member(director.ID)
		if _, err := tx.ReportWaste(an, storage.Waste{Description: "Đèn hành lang bật cả đêm."}); err != nil {
			return err
		}
		_, err := tx.AddPraise(d, storage.Praise{Member: an.UserID, Reason: "Sáng kiến tiết kiệm điện tốt nhất quý."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.say(staffAn, "/idea") // a form left open
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "/mydata")
	msg := h.waitText(mark, staffAn.ID, "91/2025/QH15")
	if msg.Document == nil || !strings.HasSuffix(msg.Document.Name, ".txt") {
		t.Fatalf("/mydata sent %+v; want a text document", msg)
	}
	doc := string(msg.Document.Data)
	for _, want := range []string{
		"Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15",
		"Hồ sơ thành viên", "Họ và tên: Nguyễn Văn An", "Vai trò: cán bộ Văn phòng Sở", "Trạng thái: đang hoạt động",
		"Sáng kiến đã nộp (1)", "SK-1 – ", "Trạng thái: đang thực hiện", "được chấp thuận áp dụng (Lê Quang Minh)",
		"tiến độ 60%, đã tiết kiệm 3.200.000 đ. Đã lắp hẹn giờ",
		"Phản ánh lãng phí đã gửi (1)", "PA-1", "Đèn hành lang bật cả đêm.",
		"Được biểu dương (1)", "Lê Quang Minh: Sáng kiến tiết kiệm điện tốt nhất quý.",
		"Điểm thi đua", "Năm 2026:",
		"Biểu mẫu đang nhập dở", "Đang nhập dở /idea", "Nhật ký liên quan", "Đỗ Văn Hùng duyệt Nguyễn Văn An vào Văn phòng Sở",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("/mydata lacks %q:\n%s", want, doc)
		}
	}
	for _, code := range []string{"in_progress", "\"full_name\"", "member:", "join.approve", "<b>"} {
		if strings.Contains(doc, code) {
			t.Errorf("/mydata shows the code %q:\n%s", code, doc)
		}
	}
}

// myData sends /mydata as u and returns the document.
func (h *harness) myData(u tgtest.User) string {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, "/mydata")
	msg, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool { return m.ChatID == u.ID && m.Document != nil })
	if err != nil {
		h.t.Fatalf("/mydata sent no document: %v", err)
	}
	return string(msg.Document.Data)
}

// requests is the message under /mydata with the buttons to ask for a
// correction or an erasure.
func (h *harness) requests(u tgtest.User) tgtest.Message {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, "/mydata")
	return h.waitText(mark, u.ID, "có quyền đề nghị sửa họ tên hoặc xóa dữ liệu")
}

// A member asks for their name to be corrected: the admins are told by
// name, and one of them corrects it on the member's card; the member is told.
func TestMyData_NameCorrectionReachesTheAdmins(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.join(staffAn, "Nguyen Van An")
	req := h.requests(staffAn)
	ask := h.press(staffAn, req, "md:n")
	mustContain(t, ask, "Họ tên đang lưu: Nguyen Van An")
	mustContain(t, h.say(staffAn, "Nguyen Van An"), "giống họ tên đang lưu")
	preview := h.say(staffAn, "nguyễn văn an")
	mustContain(t, preview, "từ Nguyen Van An thành Nguyễn Văn An")
	mark := h.srv.Mark()
	h.press(staffAn, preview, "f:ok")
	h.waitText(mark, staffAn.ID, "Đã gửi đề nghị sửa họ tên thành Nguyễn Văn An")
	notice := h.waitText(mark, admin.ID, "Đề nghị sửa họ tên")
	mustContain(t, notice, "Đồng chí Nguyen Van An (Văn phòng Sở) đề nghị sửa họ tên thành Nguyễn Văn An", "/m_5001")
	h.settle()
	if n := h.count(headVP.ID, "Đề nghị sửa họ tên"); n != 0 {
		t.Errorf("the head was told %d times; the admins decide", n)
	}
	// The head sees the request on the card, but no button to decide it.
	if hc := h.say(headVP, "/m_5001"); !strings.Contains(hc.Plain, "Đề nghị sửa họ tên thành: Nguyễn Văn An") {
		t.Errorf("the head's card does not show the request: %q", hc.Plain)
	} else if _, ok := hc.Button("m:n:"); ok {
		t.Errorf("the head may correct the name: %v", hc.Keyboard)
	}

	card := h.say(admin, "/m_5001")
	mustContain(t, card, "Đề nghị sửa họ tên thành: Nguyễn Văn An")
	confirm := h.press(admin, card, "m:n:")
	mustContain(t, confirm, "Sửa họ tên của Nguyen Van An (Văn phòng Sở) thành Nguyễn Văn An?")
	mark = h.srv.Mark()
	done := h.press(admin, confirm, "m:N:")
	mustContain(t, done, "Nguyễn Văn An")
	if strings.Contains(done.Plain, "Đề nghị sửa họ tên") {
		t.Errorf("the card still shows the request: %q", done.Plain)
	}
	h.waitText(mark, staffAn.ID, "Họ tên của đồng chí đã được sửa thành Nguyễn Văn An")
	h.db.View(func(tx *storage.Tx) error {
		if m, _, _ := tx.Member(staffAn.ID); m.FullName != "Nguyễn Văn An" || m.NameRequest != "" {
			t.Errorf("after the correction: %q, waiting %q", m.FullName, m.NameRequest)
		}
		return nil
	})
	mustContain(t, h.say(admin, "/audit"), "Nguyễn Văn An đề nghị sửa họ tên", "sửa họ tên của Nguyễn Văn An theo đề nghị")
}

// A member asks for their data to be erased: the admins are told by name,
// and the erasure is the anonymisation, confirmed on the member's card.
func TestMyData_ErasureRequestReachesTheAdmins(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	req := h.requests(staffAn)
	preview := h.press(staffAn, req, "md:e")
	mustContain(t, preview, "Đề nghị xóa dữ liệu cá nhân của đồng chí?", "Không thể hoàn tác")
	mark := h.srv.Mark()
	h.press(staffAn, preview, "md:E")
	h.waitText(mark, staffAn.ID, "Đã gửi đề nghị xóa dữ liệu cá nhân")
	notice := h.waitText(mark, admin.ID, "Đề nghị xóa dữ liệu cá nhân")
	mustContain(t, notice, "Đồng chí Nguyễn Văn An (Văn phòng Sở) đề nghị xóa dữ liệu cá nhân", "91/2025/QH15", "/m_5001")
	h.db.View(func(tx *storage.Tx) error {
		if m, _, _ := tx.Member(staffAn.ID); m.Anonymised || m.FullName == "" {
			t.Errorf("the request alone erased %+v; an admin confirms it", m)
		}
		return nil
	})

	card := h.say(admin, "/m_5001")
	mustContain(t, card, "Đã đề nghị xóa dữ liệu cá nhân")
	confirm := h.press(admin, card, "m:a:")
	mustContain(t, confirm, "Xóa thông tin cá nhân của Nguyễn Văn An")
	mark = h.srv.Mark()
	done := h.press(admin, confirm, "m:A:")
	mustContain(t, done, "Đã xóa thông tin cá nhân")
	h.waitText(mark, staffAn.ID, "Dữ liệu cá nhân của đồng chí đã được xóa theo đề nghị")
	h.db.View(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(staffAn.ID)
		if !m.Anonymised || m.FullName != "" || m.TGName != "" || m.Active() {
			t.Errorf("after the erasure: %+v", m)
		}
		return nil
	})
}
