package bot_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// A waste report assigned to the Thanh tra Sở with a deadline (one in the
// past refused), handled late (reminded once a day), the reporter told
// without being named to the unit, and the register of handled cases
// posted after its preview, never naming the reporter; the money
// recovered is its own figure.
func TestWasteCase_AssignedHandledLateAndMadePublic(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 12, 3, 9, 0, 0, 0, hcm))
	headTT := tgtest.User{ID: 2002, FirstName: "Trịnh", LastName: "Văn Sơn", LanguageCode: "vi"}
	h.say(admin, "/start")
	h.press(headTT, h.say(headTT, "/start"), "f:yes") // the consent a configured head is asked for first
	h.say(headTT, "Trịnh Văn Sơn")                    // then the full name
	h.join(staffAn, "Nguyễn Văn An")
	h.say(staffAn, "/waste")
	mark := h.srv.Mark()
	h.srv.SendPhoto(staffAn, "Máy chiếu phòng họp tầng 2 bật suốt ngày không ai dùng.")
	acard := h.waitText(mark, admin.ID, "Phản ánh lãng phí mới")
	h.settle()

	pick := h.press(admin, acard, "wc:a:1")
	mustContain(t, pick, "Giao phản ánh PA-1 cho đơn vị nào")
	ask := h.press(admin, pick, "wc:u:1:TT")
	mustContain(t, ask, "Nhập hạn xử lý phản ánh PA-1 của Thanh tra Sở")
	mustContain(t, h.say(admin, "01/12/2026"), "Hạn xử lý 01/12/2026 đã qua")
	mustContain(t, h.say(admin, "31/02/2026"), "Không hiểu ngày")
	preview := h.say(admin, "05/12/2026")
	mustContain(t, preview, "Giao phản ánh PA-1 cho Thanh tra Sở xử lý, hạn 05/12/2026")
	mark = h.srv.Mark()
	h.press(admin, preview, "f:ok")
	tcard := h.waitText(mark, headTT.ID, "Phản ánh lãng phí giao đơn vị xử lý")
	mustContain(t, tcard, "PA-1", "Đơn vị xử lý: Thanh tra Sở, hạn xử lý 05/12/2026")
	if strings.Contains(tcard.Plain, "Nguyễn Văn An") {
		t.Errorf("the unit's head sees the reporter: %q", tcard.Plain)
	}
	if _, ok := tcard.Button("wc:h:1"); !ok {
		t.Fatalf("the head's card has no handling button: %v", tcard.Keyboard)
	}

	// Another unit's head: a forged button refused and audited.
	h.say(headVP, "/start")
	n := len(h.srv.Requests())
	h.srv.PressForged(headVP, tcard, "wc:h:1")
	h.settle()
	if h.answered(n, "không giao cho đơn vị của đồng chí") == 0 {
		t.Error("another unit's head could handle PA-1")
	}

	// Late: reminded once a day, not twice in one.
	h.clock.Set(time.Date(2026, 12, 6, 8, 0, 0, 0, hcm))
	for range 2 {
		if err := h.bot.RemindWasteCases(); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	if got := h.count(headTT.ID, "đã quá hạn xử lý (05/12/2026)"); got != 1 {
		t.Errorf("the head was reminded %d times of the overdue case; want 1", got)
	}

	// The head records the handling.
	mustContain(t, h.press(headTT, tcard, "wc:h:1"), "kết quả kiểm tra")
	h.say(headTT, "Máy chiếu không có hẹn giờ tắt; phòng họp không giao người quản lý.")
	mustContain(t, h.say(headTT, "Giao Văn phòng quản lý, lắp ổ cắm hẹn giờ."), "số tiền thu hồi")
	h.say(headTT, "-5 triệu") // refused: a negative amount
	confirm := h.say(headTT, "5 triệu")
	mustContain(t, confirm, "Số tiền thu hồi, tiết kiệm: 5.000.000 đ")
	mark = h.srv.Mark()
	h.press(headTT, confirm, "f:ok")
	mustContain(t, h.waitText(mark, staffAn.ID, "đã được Thanh tra Sở xử lý"), "lắp ổ cắm hẹn giờ")
	h.waitText(mark, admin.ID, "PA-1 đã được Thanh tra Sở xử lý")
	h.settle()

	// The register: previewed to the admins, posted on the confirm.
	mark = h.srv.Mark()
	if err := h.bot.PreviewWasteRegister(); err != nil {
		t.Fatal(err)
	}
	reg := h.waitText(mark, admin.ID, "Công khai kết quả xử lý phản ánh lãng phí")
	mustContain(t, reg, "PA-1 – Thanh tra Sở", "không giao người quản lý", "lắp ổ cắm hẹn giờ", "5.000.000 đ")
	h.settle()
	if h.count(h.cfg.Telegram.GroupChatID, "Công khai kết quả xử lý") != 0 {
		t.Fatal("the register was posted before its preview was confirmed")
	}
	mark = h.srv.Mark()
	h.press(admin, reg, "wc:P:0")
	post := h.waitText(mark, h.cfg.Telegram.GroupChatID, "Công khai kết quả xử lý phản ánh lãng phí")
	mustContain(t, post, "Thanh tra Sở", "lắp ổ cắm hẹn giờ", "5.000.000 đ")
	h.settle()
	for _, m := range h.srv.Messages(h.cfg.Telegram.GroupChatID) {
		if strings.Contains(m.Plain, "Nguyễn Văn An") {
			t.Errorf("the group saw the reporter's name: %q", m.Plain)
		}
	}
	// Posted once: the next round has nothing new.
	if err := h.bot.PreviewWasteRegister(); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if n := h.count(admin.ID, "Công khai kết quả xử lý"); n != 1 {
		t.Errorf("the register was previewed %d times; want once", n)
	}

	mustContain(t, h.say(admin, "/summary năm 2026"), "Thu hồi, tiết kiệm qua xử lý phản ánh lãng phí: 5.000.000 đ")
	// The register is a sheet of /export too, never naming the reporter.
	h.srv.SendText(admin, "/export năm 2026")
	h.settle()
	var book []byte
	for _, m := range h.srv.Messages(admin.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx") {
			book = m.Document.Data
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Công khai xử lý lãng phí")
	f.Close()
	if len(rows) != 2 || rows[1][0] != "PA-1" || rows[1][1] != "Thanh tra Sở" || !strings.Contains(rows[1][4], "ổ cắm hẹn giờ") || rows[1][5] != "5000000" {
		t.Errorf("the register's sheet = %q", rows)
	}
	// Money recovered is its own figure, not the ideas' savings.
	h.db.View(func(tx *storage.Tx) error {
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, hcm)
		if got, _ := tx.Recovered(start, start.AddDate(1, 0, 0)); got != 5_000_000 {
			t.Errorf("recovered in 2026 = %d; want 5000000", got)
		}
		if got := tx.SavedByIdeas(storage.Span{Kind: storage.Year, Key: "Y2026"}, ""); got != 0 {
			t.Errorf("the ideas' savings in 2026 = %d; want 0 (recovered money is not theirs)", got)
		}
		return nil
	})
}
