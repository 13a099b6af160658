package bot_test

import (
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// Đăng ký thi đua: refused outside the window with when it opens; in it a
// head registers the unit (its target shown) and two members themselves;
// a forged button for another unit is refused and audited; reminders go
// only to those not registered; the register is on screen, and /commend
// holds each proposal against it.
func TestDangky_AHeadAndTwoMembersRegisterAndCommendHoldsThem(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.craftedYear()
	h.say(headVP, "/start")
	h.say(staffAn, "/start")
	h.say(staffJo, "/start")
	h.say(director, "/start")
	binh := tgtest.User{ID: 5003, FirstName: "Bình", LanguageCode: "vi"}
	h.say(binh, "/start")
	h.settle()

	mustContain(t, h.say(staffAn, "/dangky"), "Chưa đến thời gian đăng ký thi đua: đăng ký năm 2027 mở từ 01/01/2027 đến 31/01/2027")
	// The window this year: November.
	h.cfg.Registration.Opens.Month, h.cfg.Registration.Opens.Day = time.November, 1
	h.cfg.Registration.Closes.Month, h.cfg.Registration.Closes.Day = time.November, 30

	choose := h.say(headVP, "/dangky")
	mustContain(t, choose, "Đăng ký thi đua năm 2026")
	// A forged button for another unit is refused and audited.
	n := len(h.srv.Requests())
	h.srv.PressForged(headVP, choose, "dk:u:CNTT")
	h.settle()
	if h.answered(n, "không cho đơn vị CNTT") == 0 {
		t.Error("a forged registration for another unit was not refused")
	}
	title := h.press(headVP, choose, "dk:u:VP")
	mustContain(t, title, "Danh hiệu tập thể")
	commit := h.press(headVP, title, "f:tt_ldxs")
	mustContain(t, commit, "cam kết")
	preview := h.say(headVP, "Hoàn thành 100% chỉ tiêu tiết kiệm; 02 sáng kiến được công nhận.")
	mustContain(t, preview, "Tập thể lao động xuất sắc", "Chỉ tiêu tiết kiệm của đơn vị trong năm: 120.000.000 đ")
	mustContain(t, h.press(headVP, preview, "f:ok"), "Đã ghi nhận đăng ký thi đua năm 2026")

	for _, m := range []struct {
		u     tgtest.User
		title string
		n     string
	}{{staffAn, "f:cstdcs", "2"}, {staffJo, "f:ldtt", "0"}} {
		ask := h.press(m.u, h.say(m.u, "/dangky"), m.title)
		if m.u.ID == staffAn.ID {
			mustContain(t, ask, "Số sáng kiến")
			mustContain(t, h.say(m.u, "hai"), "không phải là số")
			mustContain(t, h.say(m.u, "25"), "từ 0 đến 20")
		}
		h.press(m.u, h.say(m.u, m.n), "f:ok")
	}
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		reg, _ := tx.Registrations(2026)
		if len(reg) != 3 || reg[storage.Subject{Member: 5001}].Initiatives != 2 || reg[storage.Subject{Unit: "VP"}].Title != storage.TitleUnitExcellent {
			t.Errorf("the register = %+v; want VP, An (2 initiatives), John", reg)
		}
		if _, ok := reg[storage.Subject{Unit: "CNTT"}]; ok {
			t.Error("the forged registration was stored")
		}
		entries, _ := tx.LatestAudit(50)
		refused := false
		for _, e := range entries {
			refused = refused || (e.Refused && e.Actor == headVP.ID)
		}
		if !refused {
			t.Error("the forged registration is not in the audit log")
		}
		return nil
	})

	// Reminders: Bình (5003) is reminded, An is not.
	mark := h.srv.Mark()
	if err := h.bot.RemindRegistration(); err != nil {
		t.Fatal(err)
	}
	h.settle()
	h.waitText(mark, 5003, "chưa đăng ký thi đua năm 2026")
	if n := h.count(staffAn.ID, "chưa đăng ký thi đua"); n != 0 {
		t.Errorf("An, registered, was reminded %d times", n)
	}
	if n := h.count(headVP.ID, "Văn phòng Sở chưa đăng ký"); n != 0 {
		t.Errorf("the head of a registered unit was reminded %d times", n)
	}

	// The register on screen, and /commend holds the proposals against it.
	mustContain(t, h.say(director, "/dangky"), "Đăng ký thi đua năm 2026", "Văn phòng Sở – Tập thể lao động xuất sắc", "Phòng Công nghệ thông tin – chưa đăng ký", "Nguyễn Văn An, Chuyên viên Văn phòng Sở – Chiến sĩ thi đua cơ sở, 2 sáng kiến cam kết")
	mark = h.srv.Mark()
	h.srv.SendText(director, "/commend 2026")
	mustContain(t, h.waitText(mark, director.ID, "Đề xuất khen thưởng năm 2026"),
		"1. Văn phòng Sở – 102 điểm (đăng ký: Tập thể lao động xuất sắc)",
		"Nguyễn Văn An (Văn phòng Sở) – 70 điểm, 2 sáng kiến được công nhận (đăng ký: Chiến sĩ thi đua cơ sở)",
		"1. Phòng Công nghệ thông tin – 35 điểm (chưa đăng ký thi đua)")

	// Outside the window again, nobody is reminded.
	h.cfg.Registration.Closes.Day = 19
	if err := h.bot.RemindRegistration(); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if n := h.count(5003, "chưa đăng ký thi đua"); n != 1 {
		t.Errorf("Bình has %d reminders after the window closed; want the one from inside it", n)
	}
}
