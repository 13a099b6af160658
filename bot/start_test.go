package bot_test

import (
	"strings"
	"testing"

	"thiduabot/storage"
)

func TestJoinApproveSubmitList_Vietnamese(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")

	ask := h.consent(staffAn, code)
	mustContain(t, ask, "Văn phòng Sở", "họ và tên")

	mark := h.srv.Mark()
	sent := h.say(staffAn, "Nguyễn Văn An")
	mustContain(t, sent, "Đã gửi đăng ký vào Văn phòng Sở")
	req := h.waitText(mark, headVP.ID, "Đăng ký vào Văn phòng Sở")
	mustContain(t, req, "Nguyễn Văn An")

	mark = h.srv.Mark()
	edited := h.press(headVP, req, "j:a:")
	mustContain(t, edited, "Đã duyệt Nguyễn Văn An")
	if len(edited.Keyboard) != 0 {
		t.Errorf("approval message still has buttons: %v", edited.Keyboard)
	}
	h.waitText(mark, staffAn.ID, "Đồng chí đã được duyệt vào Văn phòng Sở")

	id := h.submitIdea(staffAn, "Tắt điều hòa khi rời phòng", "Gắn nhắc nhở, tắt điều hòa sau 17h.", "1,5 tr")
	if id == "" {
		t.Fatal("no idea id")
	}
	list := h.say(staffAn, "/ideas")
	mustContain(t, list, "Sáng kiến của đồng chí (1)", "/sk_1", "Tắt điều hòa khi rời phòng", "đã nộp")
	card := h.say(staffAn, "/sk_1")
	mustContain(t, card, "SK-1", "Nguyễn Văn An", "1.500.000 đ/năm", "Lịch sử")
}

func TestJoinApproveSubmitList_English(t *testing.T) {
	h := newHarness(t)
	h.say(headCNTT, "/start")
	code := h.invite(headCNTT, "CNTT")
	ask := h.consent(staffJo, code)
	mustContain(t, ask, "Registering with", "Phòng Công nghệ thông tin")
	mark := h.srv.Mark()
	h.say(staffJo, "John Nguyen")
	req := h.waitText(mark, headCNTT.ID, "Registration with")
	mark = h.srv.Mark()
	h.press(headCNTT, req, "j:a:")
	h.waitText(mark, staffJo.ID, "You are approved as a member of")

	theme := h.say(staffJo, "/idea")
	mustContain(t, theme, "Submit an initiative")
	h.press(staffJo, theme, "f:infrastructure")
	h.say(staffJo, "Shared fibre duct with the city")
	benefit := h.say(staffJo, "Lay one duct for all operators on Road 1.")
	mustContain(t, benefit, "What benefit")
	h.press(staffJo, benefit, "f:bk:money") // an infrastructure idea states its benefit: here, money
	confirm := h.say(staffJo, "2 triệu")
	mustContain(t, confirm, "Check the initiative", "VND 2,000,000/year")
	saved := h.press(staffJo, confirm, "f:ok")
	mustContain(t, saved, "Initiative SK-1 submitted")
	list := h.say(staffJo, "/ideas")
	mustContain(t, list, "Your initiatives (1)", "submitted")
}

func TestJoin_RequestGoesToAdminWhenHeadNeverStartedTheBot(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	code := h.invite(admin, "VP") // the head of VP has never written to the bot
	h.consent(staffAn, code)
	mark := h.srv.Mark()
	h.say(staffAn, "Nguyễn Văn An")

	notice := h.waitText(mark, admin.ID, "chưa bắt đầu trò chuyện với hệ thống")
	mustContain(t, notice, "Chánh Văn phòng Sở")
	req := h.waitText(mark, admin.ID, "Đăng ký vào Văn phòng Sở")
	mark = h.srv.Mark()
	h.press(admin, req, "j:a:")
	h.waitText(mark, staffAn.ID, "đã được duyệt")

	// Told once per person: a second request does not repeat the notice.
	code = h.invite(admin, "VP")
	h.consent(staffJo, code)
	mark = h.srv.Mark()
	h.say(staffJo, "John Nguyen")
	h.waitText(mark, admin.ID, "John Nguyen")
	h.settle()
	if n := h.count(admin.ID, "chưa bắt đầu trò chuyện"); n != 1 {
		t.Errorf("admin was told %d times that the head is unreachable; want 1", n)
	}
}

// At the join step a newcomer is told what is stored and why, and asked
// to consent, before anything of theirs is kept: the bot holds no name of
// theirs until they consent; a consent is recorded, and the request goes on.
func TestJoin_ConsentAskedBeforeAnythingIsKept(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	notice := h.say(staffAn, "/start "+code)
	mustContain(t, notice, "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15", "Telegram", "máy chủ của Sở",
		"rút lại sự đồng ý", "/mydata", "Đồng chí có đồng ý không?")
	// Five short lines fit a phone; the whole text is a button away.
	if lines := strings.Count(notice.Plain, "\n• "); lines != 5 || len([]rune(notice.Plain)) > 600 {
		t.Errorf("the notice has %d lines and %d characters; want 5 short ones", lines, len([]rune(notice.Plain)))
	}
	full := h.press(staffAn, notice, "f:full")
	mustContain(t, full, "họ và tên; tên, tên người dùng và mã Telegram", "Mục đích", "máy chủ của Telegram",
		"gửi qua Telegram cho người quản trị hệ thống", "Khi rút lại sự đồng ý, tài khoản bị khóa ngay", "Đồng chí có đồng ý không?")
	if _, ok := full.Button("f:yes"); !ok {
		t.Fatalf("the full text cannot be answered: %v", full.Keyboard)
	}
	notice = full
	if _, ok := notice.Button("f:no"); !ok {
		t.Fatalf("no way to refuse: %v", notice.Keyboard)
	}
	h.db.View(func(tx *storage.Tx) error {
		if m, _, _ := tx.Member(staffAn.ID); m.TGName != "" || m.Username != "" || m.FullName != "" || !m.ConsentAt.IsZero() {
			t.Errorf("before consent the bot keeps %+v; want no name", m)
		}
		return nil
	})
	// A name typed instead of an answer is not taken.
	mustContain(t, h.say(staffAn, "Nguyễn Văn An"), "Vui lòng chọn “Đồng ý” hoặc “Không đồng ý”")

	mark := h.srv.Mark()
	h.press(staffAn, notice, "f:yes")
	ask := h.waitText(mark, staffAn.ID, "họ và tên đầy đủ")
	mustContain(t, h.current(notice), "Đồng chí đã đồng ý")
	if len(h.current(notice).Keyboard) != 0 {
		t.Errorf("the consent keeps its buttons: %v", h.current(notice).Keyboard)
	}
	h.db.View(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(staffAn.ID)
		if m.ConsentAt.IsZero() || m.TGName != "An" {
			t.Errorf("after consent: %+v; want the time of the consent and the Telegram name", m)
		}
		entries, _ := tx.AuditAbout(staffAn.ID)
		if len(entries) != 1 || entries[0].Action != "member.consent" {
			t.Errorf("audit about the newcomer = %+v; want the consent", entries)
		}
		return nil
	})
	mustContain(t, ask, "Văn phòng Sở")
	mark = h.srv.Mark()
	h.say(staffAn, "Nguyễn Văn An")
	h.waitText(mark, headVP.ID, "Nguyễn Văn An")

	doc := h.myData(staffAn)
	if !strings.Contains(doc, "Đồng ý xử lý dữ liệu cá nhân lúc") {
		t.Errorf("/mydata does not show the consent:\n%s", doc)
	}
}

// A refusal means no membership and nothing stored: no request reaches
// the head, and neither the form nor the record the bot made when the
// newcomer wrote is left.
func TestJoin_RefusalKeepsNothing(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	h.settle()
	headMessages := len(h.srv.Messages(headVP.ID))
	notice := h.say(staffAn, "/start "+code)
	mark := h.srv.Mark()
	h.press(staffAn, notice, "f:no")
	told := h.waitText(mark, staffAn.ID, "Nếu đổi ý")
	mustContain(t, told, "không gửi đăng ký vào Văn phòng Sở")
	mustContain(t, h.current(notice), "Đồng chí không đồng ý")
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		if m, ok, _ := tx.Member(staffAn.ID); ok {
			t.Errorf("a refusal left the record %+v", m)
		}
		return nil
	})
	// What comes after is no join request.
	mustContain(t, h.say(staffAn, "Nguyễn Văn An"), "chưa hiểu")
	h.settle()
	if got := len(h.srv.Messages(headVP.ID)); got != headMessages {
		t.Errorf("the head was told %d messages after a refusal", got-headMessages)
	}
	// The guest's later message made a record again (the id and language
	// the bot answers by): the refusal itself left none.
	h.db.View(func(tx *storage.Tx) error {
		if m, _, _ := tx.Member(staffAn.ID); m.FullName != "" || m.TGName != "" || m.Username != "" || m.Status != storage.StatusGuest || m.Unit != "" || !m.ConsentAt.IsZero() {
			t.Errorf("after a refusal the bot keeps %+v", m)
		}
		if _, ok, _ := tx.Forms().Get(staffAn.ID); ok {
			t.Error("the join form is left after a refusal")
		}
		if entries, _ := tx.AuditAbout(staffAn.ID); len(entries) != 0 {
			t.Errorf("the audit log holds %+v after a refusal", entries)
		}
		return nil
	})
}
