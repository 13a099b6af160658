package bot_test

import (
	"strings"
	"testing"
	"time"

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
		"Sáng kiến đã nộp (1)", "SK-1 – ", "Trạng thái: đang thực hiện", "được công nhận (Lê Quang Minh)",
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
