package bot_test

import (
	"strings"
	"testing"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func TestRefusals(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")

	t.Run("guest uses a member command", func(t *testing.T) {
		m := h.say(tgtest.User{ID: 7001, FirstName: "Khách"}, "/idea")
		mustContain(t, m, "Đồng chí chưa là thành viên")
	})
	t.Run("staff uses a head's command", func(t *testing.T) {
		m := h.say(staffAn, "/members")
		mustContain(t, m, "không có quyền")
	})
	t.Run("staff presses a forged approve button", func(t *testing.T) {
		h.say(tgtest.User{ID: 7002, FirstName: "Mới"}, "/start")
		own := h.say(staffAn, "/help")
		mark, sent := h.srv.Mark(), len(h.srv.Requests())
		h.srv.PressForged(staffAn, own, "j:a:7002")
		h.settle()
		if h.answered(sent, "không có quyền") == 0 {
			t.Error("the forged press was not answered with a refusal")
		}
		if _, err := h.srv.WaitMessage(mark, 0, func(m tgtest.Message) bool { return m.ChatID == 7002 }); err == nil {
			t.Error("the guest was told something after a forged approval")
		}
		h.db.View(func(tx *storage.Tx) error {
			m, _, _ := tx.Member(7002)
			if m.Active() {
				t.Error("a forged press approved a guest")
			}
			entries, _ := tx.LatestAudit(5)
			found := false
			for _, e := range entries {
				found = found || (e.Refused && e.Actor == staffAn.ID)
			}
			if !found {
				t.Error("the refusal is not in the audit log")
			}
			return nil
		})
	})
	t.Run("overlong title", func(t *testing.T) {
		theme := h.say(staffAn, "/idea")
		h.press(staffAn, theme, "f:thrift")
		m := h.say(staffAn, strings.Repeat("á", 201))
		mustContain(t, m, "tối đa 200 ký tự", "đã nhập 201")
		// The form is where it was: a good title is taken next.
		m = h.say(staffAn, "Tiêu đề ngắn")
		mustContain(t, m, "Mô tả")
		h.say(staffAn, "Mô tả")
		for _, tc := range []struct{ in, want string }{
			{"-5", "không được âm"},
			{"abc", "Số tiền chưa đúng"},
		} {
			m := h.say(staffAn, tc.in)
			mustContain(t, m, tc.want)
		}
		m = h.say(staffAn, "1.500.000")
		mustContain(t, m, "1.500.000 đ/năm")
		h.say(staffAn, "/cancel")
	})
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		ideas, total, _ := tx.Ideas(storage.IdeaFilter{}, 10)
		if total != 0 {
			t.Errorf("ideas stored after refusals and a cancel: %v", ideas)
		}
		return nil
	})
}

func TestGroup_AnswersOnlyWhatBelongsThere(t *testing.T) {
	h := newHarness(t)
	group := h.cfg.Telegram.GroupChatID
	mark := h.srv.Mark()
	h.srv.SendGroupText(group, admin, "/idea@thiduabot")
	m := h.waitText(mark, group, "nhắn riêng")
	mustContain(t, m, "@thiduabot")
	mark = h.srv.Mark()
	h.srv.SendGroupText(group, admin, "chào mọi người")
	h.srv.SendGroupText(group, admin, "/help")
	help := h.waitText(mark, group, "/help")
	if strings.Contains(help.Plain, "/idea ") {
		t.Errorf("group help lists private commands: %q", help.Plain)
	}
	h.settle()
	if got := len(h.srv.Messages(group)); got != 2 {
		t.Errorf("group got %d messages; want 2 (plain talk gets no answer)", got)
	}
}
