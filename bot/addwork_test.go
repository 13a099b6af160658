package bot_test

import (
	"testing"
	"time"

	"thiduabot/storage"
)

// TestAddWork_AnAdminAddsAWorkInChat: a form, a preview, a confirm; each
// bad answer is answered and changes nothing; the unit's head then
// reports on the work.
func TestAddWork_AnAdminAddsAWorkInChat(t *testing.T) {
	h := newInfraHarness(t)
	h.say(admin, "/start")
	mustContain(t, h.say(headBCVT, "/addwork"), "không có quyền")
	h.say(admin, "/addwork")
	mustContain(t, h.say(admin, "trạm 1"), "chữ in hoa")
	mustContain(t, h.say(admin, "TTDL"), "đã được sử dụng")
	h.say(admin, "CAPTREO")
	units := h.say(admin, "Chỉnh trang cáp treo trung tâm huyện")
	inv := h.press(admin, units, "f:u:BCVT")
	mustContain(t, inv, "Tổng mức đầu tư")
	mustContain(t, h.say(admin, "nhiều"), "Số tiền chưa đúng")
	h.say(admin, "4 tỷ")
	mustContain(t, h.say(admin, "5 tỷ"), "không được lớn hơn")
	h.say(admin, "1 tỷ")
	mustContain(t, h.say(admin, "30/06/2026 Khởi công\n15/03/2026 Nghiệm thu"), "Chưa đọc được dòng")
	preview := h.say(admin, "15/03/2026 Khởi công\n30/11/2026 Nghiệm thu")
	mustContain(t, preview, "Kiểm tra công trình", "CAPTREO", "4.000.000.000 đ", "ngoài ngân sách 1.000.000.000 đ, ngân sách 3.000.000.000 đ", "30/11/2026 Nghiệm thu")
	h.db.View(func(tx *storage.Tx) error {
		if _, ok, _ := tx.Work("CAPTREO"); ok {
			t.Error("the work was stored before the confirm")
		}
		return nil
	})
	mustContain(t, h.press(admin, preview, "f:ok"), "Đã thêm công trình")

	// The head of BCVT is now asked about it.
	h.clock.Set(on(time.March, 10, 9, 0))
	h.say(headBCVT, "/start")
	h.pickPeriod(headBCVT, 0)
	m := h.skipInfraUntil(headBCVT, h.say(headBCVT, "1 triệu"), "Chỉnh trang cáp treo")
	mustContain(t, m, "Công trình 1/3", "Khởi công (15/03/2026)")
	audit := h.say(admin, "/audit")
	mustContain(t, audit, "CAPTREO")
}
