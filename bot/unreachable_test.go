package bot_test

import (
	"strings"
	"testing"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// SPEC §5: heads a round cannot reach are listed to the admins in one
// message per round. Here three of seven: one blocked the bot, two never
// opened it (one of whom the bot knows no name of). Each of two admins
// gets one message a round naming them by name and unit, and what to do:
// no warning per head, no copy of a reminder, no button they may not press.
func TestReminders_ThreeUnreachableHeadsGiveEachAdminOneMessageARound(t *testing.T) {
	admin2 := tgtest.User{ID: 1003, FirstName: "Trần", LastName: "Văn Bình", LanguageCode: "en"}
	h := newHarnessAt(t, at(13, 16, 0), func(c *config.Config) { c.Org.Admins = append(c.Org.Admins, admin2.ID) })
	err := h.db.Update(func(tx *storage.Tx) error {
		for id, name := range map[int64]string{admin2.ID: "Trần Văn Bình", 2002: "Hoàng Văn Tùng", 2003: "Ngô Thị Hạnh", 2006: "Phan Minh Đức"} {
			if _, err := tx.SetFullName(id, name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.say(admin, "/start")
	h.say(admin2, "/lang en")
	h.say(headVP, "/start")
	h.say(headCNTT, "/start")
	h.srv.Started(2002, 2003, 2007)
	h.srv.Inject("sendMessage", 2003, 1000, tgtest.Fault{Status: 403}) // Ngô Thị Hạnh blocked the bot
	// 2004 and 2006 never opened it.

	mark := h.srv.Mark()
	h.sweepAt(at(13, 17, 0))
	for _, id := range []int64{headVP.ID, 2002, 2007} {
		if n := h.count(id, "Nhắc hạn"); n != 1 {
			t.Errorf("head %d got %d reminders; want 1", id, n)
		}
	}
	check := func(u tgtest.User, rounds int, want ...string) {
		t.Helper()
		var got []tgtest.Message
		for _, m := range h.srv.LogSince(mark) {
			if m.ChatID == u.ID {
				got = append(got, m)
			}
		}
		if len(got) != rounds {
			t.Fatalf("admin %d got %d messages; want %d, one a round: %q", u.ID, len(got), rounds, plains(got))
		}
		for _, m := range got {
			mustContain(t, m, want...)
			if len(m.Keyboard) != 0 {
				t.Errorf("admin %d was given buttons: %v", u.ID, m.Keyboard)
			}
			if strings.Contains(m.Plain, "#20") {
				t.Errorf("a head is named by number: %q", m.Plain)
			}
		}
	}
	check(admin, 1, "Lời nhắc hạn báo cáo", "“Báo cáo quý”, hạn 20/12/2026 17:00", "Không gửi được đến 3 trưởng đơn vị",
		"Ngô Thị Hạnh – trưởng đơn vị Phòng Kế hoạch – Tài chính",
		"người dùng chưa khai tên (mã Telegram 2004) – trưởng đơn vị Phòng Bưu chính – Viễn thông",
		"Phan Minh Đức – trưởng đơn vị Phòng Thông tin – Báo chí – Xuất bản",
		"mở @thiduabot và bấm “Bắt đầu”")
	check(admin2, 1, "Report reminders", "They could not reach 3 unit heads", "Ngô Thị Hạnh – the head of Phòng Kế hoạch – Tài chính", "open @thiduabot and press Start")

	// The next round: one more each, still naming all three.
	h.sweepAt(at(17, 17, 0))
	check(admin, 2, "Không gửi được đến 3 trưởng đơn vị", "Ngô Thị Hạnh", "mã Telegram 2004", "Phan Minh Đức")
	check(admin2, 2, "They could not reach 3 unit heads")
	if n := h.count(admin.ID, "Nhắc hạn") + h.count(admin.ID, "Gửi thay"); n != 0 {
		t.Errorf("the admin got %d copies of reminders", n)
	}

	// A join request is for the admins: it still goes to them when the
	// head cannot take it (join_test.go shows it for a head who never
	// opened the bot; this one blocked it).
	code := h.invite(admin, "KHTC")
	h.consent(staffAn, code)
	mark = h.srv.Mark()
	h.say(staffAn, "Nguyễn Văn An")
	req := h.waitText(mark, admin.ID, "Đăng ký vào Phòng Kế hoạch – Tài chính")
	mustContain(t, req, "Gửi thay cho Ngô Thị Hạnh")
	if _, ok := req.Button("j:a:"); !ok {
		t.Errorf("the join request to the admin has no approve button: %v", req.Keyboard)
	}
}
