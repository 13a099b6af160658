package bot_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// After the proposal, the admin records the council's vote on An (more
// "for" than present refused), then the signed decision (a bad number or
// a date to come refused); An is told; the honour roll is posted after
// its preview; An's card and /mydata show the commendation.
func TestHonours_VoteDecisionRecipientsAndTheRoll(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.craftedYear()
	h.say(admin, "/start")
	h.say(staffAn, "/start")
	h.settle()
	mark := h.srv.Mark()
	h.srv.SendText(admin, "/commend 2026")
	proposal := h.waitText(mark, admin.ID, "Đề xuất khen thưởng năm 2026")
	h.settle()
	// pressWait presses and waits for the answer that says want.
	pressWait := func(m tgtest.Message, data, want string) tgtest.Message {
		t.Helper()
		mark := h.srv.Mark()
		if _, err := h.srv.Press(admin, m, data); err != nil {
			t.Fatal(err)
		}
		return h.waitText(mark, admin.ID, want)
	}
	// listed is the admin's list of the year's candidates, asked anew.
	listed := func(want string) tgtest.Message {
		t.Helper()
		mark := h.srv.Mark()
		h.srv.SendText(admin, "/commend 2026")
		p := h.waitText(mark, admin.ID, "Đề xuất khen thưởng năm 2026")
		h.settle()
		return pressWait(p, "hv:l:2026", want)
	}
	list := pressWait(proposal, "hv:l:2026", "Bình xét khen thưởng năm 2026")
	mustContain(t, list, "Bình xét khen thưởng năm 2026", "Nguyễn Văn An, Chuyên viên Văn phòng Sở – đề nghị Bằng khen của Chủ tịch UBND tỉnh: chưa bình xét", "Văn phòng Sở – đề nghị Bằng khen của Chủ tịch UBND tỉnh")

	// The vote: members present, votes for (not more than present), outcome.
	ask := h.press(admin, list, "hv:c:2026:m5001")
	mustContain(t, ask, "có mặt")
	mustContain(t, h.say(admin, "chín"), "không phải là số")
	mustContain(t, h.say(admin, "9"), "tán thành", "9 thành viên")
	mustContain(t, h.say(admin, "10"), "Số phiếu tán thành (10) không thể nhiều hơn số thành viên có mặt (9)")
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		if _, ok, _ := tx.Honour(2026, storage.Subject{Member: 5001}); ok {
			t.Error("a vote was stored from refused input")
		}
		return nil
	})
	preview := h.say(admin, "8")
	mustContain(t, preview, "tán thành 8/9 thành viên có mặt (88,9%)")
	mustContain(t, h.press(admin, preview, "f:pass"), "Đã ghi kết quả bình xét: Nguyễn Văn An, Chuyên viên Văn phòng Sở – tán thành 8/9, đạt")

	// The decision: number, date, form; previewed; An is told.
	list = listed("tán thành 8/9, đạt")
	q := h.press(admin, list, "hv:c:2026:m5001")
	mustContain(t, q, "số quyết định")
	mustContain(t, h.say(admin, "ba trăm"), "không phải số quyết định")
	mustContain(t, h.say(admin, "210/QĐ-STTTT"), "ngày ký")
	mustContain(t, h.say(admin, "25/12/2026"), "Ngày 25/12/2026 chưa đến")
	form := h.say(admin, "19/11/2026")
	confirm := h.press(admin, form, "f:bang_khen")
	mustContain(t, confirm, "Nguyễn Văn An, Chuyên viên Văn phòng Sở được tặng Bằng khen của Chủ tịch UBND tỉnh theo Quyết định số 210/QĐ-STTTT ngày 19/11/2026")
	h.settle()
	if h.count(staffAn.ID, "Đồng chí được tặng") != 0 {
		t.Fatal("An was told before the decision was confirmed")
	}
	mark = h.srv.Mark()
	h.press(admin, confirm, "f:ok")
	mustContain(t, h.waitText(mark, staffAn.ID, "Đồng chí được tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026 theo Quyết định số 210/QĐ-STTTT ngày 19/11/2026"))
	h.settle()

	// A second decision on record is refused; the vote may not change.
	h.db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(admin.ID)
		if _, err := tx.RecordDecision(adm, 2026, storage.Subject{Member: 5001}, "211/QĐ-STTTT", time.Date(2026, 11, 19, 0, 0, 0, 0, hcm), storage.AwardBangKhen); storage.ErrorCode(err) != storage.EConflict {
			t.Errorf("a second decision = %v; want a conflict", err)
		}
		if _, err := tx.RecordVote(adm, 2026, storage.Subject{Member: 5001}, "", 1, 9, false); storage.ErrorCode(err) != storage.EConflict {
			t.Errorf("a vote after the decision = %v; want a conflict", err)
		}
		return nil
	})

	// The honour roll, previewed, then posted.
	list = listed("Quyết định số 210/QĐ-STTTT")
	roll := h.press(admin, list, "hv:r:2026")
	mustContain(t, roll, "Xem trước bảng vinh danh", "Bảng vinh danh năm 2026", "Bằng khen của Chủ tịch UBND tỉnh", "Đồng chí Nguyễn Văn An, Chuyên viên Văn phòng Sở (Quyết định số 210/QĐ-STTTT ngày 19/11/2026)")
	h.settle()
	if h.count(h.cfg.Telegram.GroupChatID, "Bảng vinh danh") != 0 {
		t.Fatal("the roll was posted before its preview was confirmed")
	}
	mark = h.srv.Mark()
	h.press(admin, roll, "hv:R:2026")
	mustContain(t, h.waitText(mark, h.cfg.Telegram.GroupChatID, "Bảng vinh danh năm 2026"), "Đồng chí Nguyễn Văn An, Chuyên viên Văn phòng Sở")

	// Card and /mydata.
	mustContain(t, h.say(admin, "/m_5001"), "Khen thưởng: Bằng khen của Chủ tịch UBND tỉnh năm 2026 (Quyết định số 210/QĐ-STTTT ngày 19/11/2026)")
	h.settle()
	h.srv.SendText(staffAn, "/mydata")
	h.settle()
	var doc string
	for _, m := range h.srv.Messages(staffAn.ID) {
		if m.Document != nil {
			doc = string(m.Document.Data)
		}
	}
	if !strings.Contains(doc, "Khen thưởng đã nhận (1)") || !strings.Contains(doc, "Quyết định số 210/QĐ-STTTT") {
		t.Errorf("/mydata lacks the commendation:\n%s", doc)
	}

	// Only an admin records: a director's forged press is refused.
	n := len(h.srv.Requests())
	h.say(director, "/start")
	h.srv.PressForged(director, list, "hv:c:2026:uVP")
	h.settle()
	if h.answered(n, "không có quyền") == 0 {
		t.Error("a director's press on the vote was not refused")
	}
}

// The Minister's Bằng khen is a list of its own, naming the ministry.
func TestHonours_TheMinistersListIsItsOwn(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.craftedYear()
	h.cfg.Commendation.BangKhenBo = config.AwardThresholds{MemberMinPoints: 60, MemberMinAccepted: 2, UnitMinPoints: 1000}
	h.say(director, "/start")
	mark := h.srv.Mark()
	h.srv.SendText(director, "/commend 2026")
	msg := h.waitText(mark, director.ID, "Đề xuất khen thưởng năm 2026")
	mustContain(t, msg, "Đề nghị Bộ trưởng Bộ Khoa học và Công nghệ tặng Bằng khen", "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen")
	h.settle()
	var book []byte
	for _, m := range h.srv.Messages(director.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx") {
			book = m.Document.Data
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bo, _ := f.GetRows("Bằng khen Bộ trưởng")
	tinh, _ := f.GetRows("Bằng khen Chủ tịch UBND tỉnh")
	if len(bo) != 2 || bo[1][1] != "Nguyễn Văn An" || bo[1][5] != "Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ" {
		t.Errorf("the Minister's list = %q; want An alone, naming the ministry", bo)
	}
	if len(tinh) != 2 || tinh[1][3] != "Văn phòng Sở" {
		t.Errorf("the province's list = %q; want Văn phòng Sở alone", tinh)
	}
}
