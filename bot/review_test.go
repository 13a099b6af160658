package bot_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// submitted joins An to VP and has her submit one idea; the head of VP's
// card for it is returned.
func (h *harness) submitted() tgtest.Message {
	h.t.Helper()
	h.join(staffAn, "Nguyễn Văn An")
	mark := h.srv.Mark()
	h.submitIdea(staffAn, "Tắt điều hòa khi rời phòng", "Gắn nhắc nhở, tắt điều hòa sau 17h.", "6 triệu")
	return h.waitText(mark, headVP.ID, "Sáng kiến mới của Nguyễn Văn An")
}

func TestIdea_WholePathToDone(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.say(director, "/lang en")
	card := h.submitted()
	mustContain(t, card, "SK-1", "Tắt điều hòa khi rời phòng", "6.000.000 đ/năm")
	if _, ok := card.Button("r:x:"); !ok {
		t.Fatalf("the head's card has no reject button: %v", card.Keyboard)
	}

	// The head endorses: the author hears of it, the director gets the card.
	mark := h.srv.Mark()
	h.press(headVP, card, "r:e:")
	h.waitText(mark, staffAn.ID, "đã được đơn vị đề xuất lên Sở")
	dcard := h.waitText(mark, director.ID, "Initiative proposed by Văn phòng Sở – Đỗ Văn Hùng")
	mustContain(t, dcard, "SK-1", "proposed by the unit")
	h.settle()
	// The head's card now shows the idea as it stands, and who acted.
	now := h.current(card)
	mustContain(t, now, "SK-1", "Trạng thái: đã được đơn vị đề xuất", "Đã được Văn phòng Sở đề xuất – Đỗ Văn Hùng")
	if len(now.Keyboard) != 0 {
		t.Errorf("the head's card kept its buttons after the decision: %v", now.Keyboard)
	}
	authorCard := h.say(staffAn, "/sk_1")

	// The director accepts with scores, in English.
	mark = h.srv.Mark()
	q := h.press(director, dcard, "r:a:")
	mustContain(t, q, "Step 1/3", "novelty")
	q = h.press(director, q, "f:8")
	q = h.press(director, q, "f:7")
	preview := h.press(director, q, "f:9")
	// Accepting is public and final: a preview waits for the confirm, and
	// "score again" starts over.
	mustContain(t, preview, "Approve SK-1 for application: 8 + 7 + 9 = 24/30")
	h.settle()
	if n := h.count(h.cfg.Telegram.GroupChatID, "Sáng kiến được chấp thuận áp dụng"); n != 0 {
		t.Fatalf("the acceptance was announced before its confirm")
	}
	q = h.press(director, preview, "f:again")
	mustContain(t, q, "Step 1/3")
	q = h.press(director, q, "f:8")
	q = h.press(director, q, "f:7")
	preview = h.press(director, q, "f:9")
	h.press(director, preview, "f:ok")
	an := h.waitText(mark, staffAn.ID, "Sáng kiến SK-1 “Tắt điều hòa khi rời phòng” đã được chấp thuận áp dụng")
	mustContain(t, an, "tính mới 8, khả năng áp dụng 7, hiệu quả 9", "24")
	group := h.waitText(mark, h.cfg.Telegram.GroupChatID, "Sáng kiến được chấp thuận áp dụng")
	mustContain(t, group, "SK-1", "Nguyễn Văn An", "Văn phòng Sở", "24/30")
	if strings.Contains(group.Plain, "công nhận") { // approved for application is not recognised
		t.Errorf("the approval's post says recognised: %q", group.Plain)
	}
	h.waitText(mark, headVP.ID, "đã được chấp thuận áp dụng")
	h.settle()
	for c, want := range map[*tgtest.Message]string{&card: "Được chấp thuận áp dụng – Lê Quang Minh", &dcard: "Approved for application – Lê Quang Minh", &authorCard: "Được chấp thuận áp dụng – Lê Quang Minh"} {
		now := h.current(*c)
		mustContain(t, now, "SK-1", want)
		if _, stale := now.Button("r:"); stale {
			t.Errorf("an earlier card of SK-1 (to %d) keeps a review button: %v", c.ChatID, now.Keyboard)
		}
	}
	// A second press on a card that has moved on changes nothing.
	before := len(h.srv.Log())
	h.srv.PressForged(director, dcard, "r:a:1")
	h.settle()
	if n := h.answered(0, "Initiative SK-1 was already decided"); n == 0 {
		t.Error("a press on a stale card was not answered")
	}
	if got := len(h.srv.Log()); got != before {
		t.Errorf("a press on a stale card sent %d messages", got-before)
	}

	// Progress, then done: announced in the group.
	pick := h.say(staffAn, "/progress")
	ask := h.press(staffAn, pick, "g:1")
	mustContain(t, ask, "phần trăm hoàn thành")
	h.say(staffAn, "40")
	note := h.say(staffAn, "3 tr")
	saved := h.press(staffAn, note, "f:skip")
	mustContain(t, saved, "40%", "3.000.000 đ")
	h.settle()
	pick = h.say(staffAn, "/progress")
	h.press(staffAn, pick, "g:1")
	h.say(staffAn, "100%")
	h.say(staffAn, "12.500.000")
	confirm := h.say(staffAn, "Đã lắp xong hẹn giờ ở mọi phòng.")
	mustContain(t, confirm, "Áp dụng xong SK-1", "100%", "12.500.000 đ")
	mark = h.srv.Mark()
	h.press(staffAn, confirm, "f:ok")
	done := h.waitText(mark, staffAn.ID, "Đã ghi nhận")
	mustContain(t, done, "100%", "12.500.000 đ")
	mustContain(t, h.waitText(mark, h.cfg.Telegram.GroupChatID, "Sáng kiến đã áp dụng"), "12.500.000 đ")

	h.settle()
	card = h.say(staffAn, "/sk_1")
	for _, s := range []string{"đã nộp", "đơn vị đề xuất", "được chấp thuận áp dụng", "đang thực hiện", "đã áp dụng", "Tiến độ: 100%"} {
		mustContain(t, card, s)
	}
	h.db.View(func(tx *storage.Tx) error {
		p, _ := tx.ProgressOf(1)
		if len(p) != 2 || p[1].Saved != 12_500_000 {
			t.Errorf("progress history = %+v; want two entries ending at 12.500.000", p)
		}
		return nil
	})
}

func lastWith(ms []tgtest.Message, s string) tgtest.Message {
	for i := len(ms) - 1; i >= 0; i-- {
		if strings.Contains(ms[i].Plain, s) {
			return ms[i]
		}
	}
	return tgtest.Message{}
}

func TestIdea_ReturnAndResubmit(t *testing.T) {
	h := newHarness(t)
	card := h.submitted()
	ask := h.press(headVP, card, "r:r:")
	mustContain(t, ask, "lý do trả lại SK-1")
	mark := h.srv.Mark()
	h.say(headVP, "Cần số liệu điện năng tiêu thụ của 3 tháng gần nhất.")
	back := h.waitText(mark, staffAn.ID, "được trả lại để bổ sung")
	mustContain(t, back, "Cần số liệu điện năng")

	theme := h.press(staffAn, back, "e:")
	mustContain(t, theme, "Sửa sáng kiến SK-1")
	title := h.press(staffAn, theme, "f:keep")
	mustContain(t, title, "Hiện tại: Tắt điều hòa khi rời phòng")
	h.press(staffAn, title, "f:keep")
	h.say(staffAn, "Gắn nhắc nhở; 3 tháng qua tiêu thụ 4.200 kWh.")
	confirm := h.press(staffAn, lastWith(h.srv.Messages(staffAn.ID), "Hiện tại: 6.000.000"), "f:keep")
	mustContain(t, confirm, "4.200 kWh", "6.000.000 đ/năm")
	mark = h.srv.Mark()
	h.press(staffAn, confirm, "f:ok")
	h.waitText(mark, staffAn.ID, "Đã nộp lại sáng kiến SK-1")
	again := h.waitText(mark, headVP.ID, "Sáng kiến mới của Nguyễn Văn An")
	mustContain(t, again, "4.200 kWh", "đã nộp")
}

// Each refusal is named for its step and who made it (SPEC §4): a head
// does not propose an idea (không được đơn vị đề xuất), the director does
// not approve it for application (không được chấp thuận áp dụng); each is
// final, so previewed as the author will read it, and made only on the
// confirm.
func TestIdea_RejectionSaysWhoRejected(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	card := h.submitted() // SK-1
	if b, ok := card.Button("r:x:"); !ok || b.Text != "❌ Không đề xuất" {
		t.Errorf("the head's reject button = %q, %v; want %q", b.Text, ok, "❌ Không đề xuất")
	}
	mustContain(t, h.press(headVP, card, "r:x:"), "lý do không đề xuất SK-1")
	preview := h.say(headVP, "Trùng với sáng kiến đã áp dụng năm trước.")
	mustContain(t, preview, "Xem lại trước khi gửi", "Sáng kiến SK-1 “Tắt điều hòa khi rời phòng” không được đơn vị đề xuất (Đỗ Văn Hùng).", "Lý do: Trùng với sáng kiến đã áp dụng năm trước.")
	h.settle()
	if n := h.count(staffAn.ID, "không được đơn vị đề xuất"); n != 0 {
		t.Fatal("the author was told before the refusal was confirmed")
	}
	mustContain(t, h.say(staffAn, "/sk_1"), "Trạng thái: đã nộp")
	// "Sửa lý do" asks again; the new reason is the one sent.
	mustContain(t, h.press(headVP, preview, "f:again"), "Nhập lại lý do cho SK-1")
	preview = h.say(headVP, "Trùng với SK cũ của Văn phòng.")
	mark := h.srv.Mark()
	mustContain(t, h.press(headVP, preview, "f:ok"), "Đã ghi nhận: sáng kiến SK-1 “Tắt điều hòa khi rời phòng” không được đơn vị đề xuất")
	told := h.waitText(mark, staffAn.ID, "Lý do: Trùng với SK cũ")
	mustContain(t, told, "SK-1", "không được đơn vị đề xuất (Đỗ Văn Hùng)")
	h.settle()
	mustContain(t, h.say(staffAn, "/sk_1"), "Trạng thái: không được đơn vị đề xuất", "không được đơn vị đề xuất (Đỗ Văn Hùng): Trùng với SK cũ")

	mark = h.srv.Mark()
	h.submitIdea(staffAn, "In hai mặt", "Mặc định in hai mặt mọi văn bản nội bộ.", "2 triệu") // SK-2
	h.press(headVP, h.waitText(mark, headVP.ID, "SK-2"), "r:e:")
	dcard := h.waitText(mark, director.ID, "SK-2")
	if b, ok := dcard.Button("r:x:"); !ok || b.Text != "❌ Không chấp thuận áp dụng" {
		t.Errorf("the director's reject button = %q, %v; want %q", b.Text, ok, "❌ Không chấp thuận áp dụng")
	}
	mustContain(t, h.press(director, dcard, "r:x:"), "lý do không chấp thuận áp dụng SK-2")
	preview = h.say(director, "Chưa tính được hiệu quả.")
	mustContain(t, preview, "không được lãnh đạo Sở chấp thuận áp dụng (Lê Quang Minh)", "Lý do: Chưa tính được hiệu quả.")
	mark = h.srv.Mark()
	mustContain(t, h.press(director, preview, "f:ok"), "không được chấp thuận áp dụng")
	mustContain(t, h.waitText(mark, staffAn.ID, "không được lãnh đạo Sở chấp thuận áp dụng"), "SK-2", "Chưa tính được hiệu quả.")
	mustContain(t, h.waitText(mark, headVP.ID, "không được lãnh đạo Sở chấp thuận áp dụng"), "SK-2")
	h.settle()
	mustContain(t, h.say(staffAn, "/sk_2"), "Trạng thái: không được chấp thuận áp dụng")
	// Cancelled at its preview, a refusal is not made.
	mark = h.srv.Mark()
	h.submitIdea(staffAn, "Tắt đèn hành lang", "Hẹn giờ tắt đèn hành lang sau 18h.", "1 triệu") // SK-3
	c3 := h.waitText(mark, headVP.ID, "SK-3")
	h.press(headVP, c3, "r:x:")
	h.press(headVP, h.say(headVP, "Không rõ."), "f:cancel")
	mustContain(t, h.say(staffAn, "/sk_3"), "Trạng thái: đã nộp")
}

func TestIdea_Withdraw(t *testing.T) {
	h := newHarness(t)
	h.submitted()
	card := h.say(staffAn, "/sk_1")
	sure := h.press(staffAn, card, "r:w:")
	mark := h.srv.Mark()
	h.press(staffAn, sure, "r:W:")
	h.waitText(mark, headVP.ID, "đã được tác giả Nguyễn Văn An rút lại")
	h.settle()
	mustContain(t, h.say(staffAn, "/sk_1"), "đã rút")
	// The question to withdraw has a "No", which keeps the idea.
	h.submitIdea(staffAn, "Dùng đèn LED", "Thay bóng ở hành lang.", "0")
	card = h.say(staffAn, "/sk_2")
	sure = h.press(staffAn, card, "r:w:")
	if _, err := h.srv.Press(staffAn, sure, "r:N:"); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if len(h.current(sure).Keyboard) != 0 {
		t.Errorf("the withdraw question keeps its buttons after «Không»")
	}
	mustContain(t, h.say(staffAn, "/sk_2"), "Trạng thái: đã nộp")
}

func TestIdea_Refusals(t *testing.T) {
	h := newHarness(t)
	h.say(headCNTT, "/start")
	card := h.submitted()
	h.say(director, "/start")

	refused := func(name string, u tgtest.User, data, want string) {
		t.Helper()
		n := len(h.srv.Requests())
		h.srv.PressForged(u, card, data)
		h.settle()
		if h.answered(n, want) == 0 {
			t.Errorf("%s: no refusal containing %q", name, want)
		}
	}
	refused("head of another unit endorses", headCNTT, "r:e:1", "not allowed") // in English, the head's language
	refused("staff accepts", staffAn, "r:a:1", "không có quyền")
	refused("director endorses for the head", director, "r:e:1", "không có quyền")
	refused("progress on a submitted idea", staffAn, "g:1", "Chỉ báo cáo tiến độ")
	h.press(headVP, card, "r:e:")
	refused("second press after the decision", headVP, "r:e:1", "đã được xử lý")

	// A score of 11 and an empty reason are refused; the forms stay.
	dcard := lastWith(h.srv.Messages(director.ID), "SK-1")
	h.press(director, dcard, "r:a:")
	mustContain(t, h.say(director, "11"), "từ 1 đến 10")
	mustContain(t, h.say(director, "0"), "từ 1 đến 10")
	h.say(director, "/cancel")
	h.press(director, dcard, "r:x:")
	mustContain(t, h.say(director, "   "), "Vui lòng nhập")
	h.say(director, "/cancel")

	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Status != storage.IdeaEndorsed || len(idea.History) != 2 {
			t.Errorf("idea after refusals = %s with %d events; want endorsed with 2", idea.Status, len(idea.History))
		}
		return nil
	})

	// Progress out of bounds, on an accepted idea.
	h.db.Update(func(tx *storage.Tx) error {
		d, _, _ := tx.Member(director.ID)
		_, err := tx.DecideIdea(d, 1, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 5, Applicability: 5, Benefit: 5}})
		return err
	})
	h.say(staffAn, "/start")
	pick := h.say(staffAn, "/progress")
	h.press(staffAn, pick, "g:1")
	mustContain(t, h.say(staffAn, "120"), "từ 0 đến 100")
	h.say(staffAn, "50")
	mustContain(t, h.say(staffAn, "-5"), "không được âm")
	h.say(staffAn, "/cancel")
	h.join(staffJo, "John Nguyen")
	refused("progress on someone else's idea", staffJo, "g:1", "not allowed")
}

func TestIdea_TwoReviewersAtOnce_OneWins(t *testing.T) {
	secondHead := tgtest.User{ID: 2008, FirstName: "Hồ", LastName: "Thị Mai", LanguageCode: "vi"}
	h := newHarness(t, func(c *config.Config) { c.Units[0].Heads = append(c.Units[0].Heads, secondHead.ID) })
	h.say(secondHead, "/start")
	card := h.submitted()
	other := lastWith(h.srv.Messages(secondHead.ID), "Sáng kiến mới")
	var wg sync.WaitGroup
	for _, p := range []struct {
		u tgtest.User
		m tgtest.Message
	}{{headVP, card}, {secondHead, other}} {
		wg.Add(1)
		go func() { defer wg.Done(); h.srv.PressForged(p.u, p.m, "r:e:1") }()
	}
	wg.Wait()
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if n := len(idea.History); n != 2 || idea.Status != storage.IdeaEndorsed {
			t.Errorf("idea = %s with %d events; want endorsed once", idea.Status, n)
		}
		return nil
	})
	if told := h.answered(0, "đã được xử lý"); told != 1 {
		t.Errorf("%d reviewers were told the idea was already decided; want 1", told)
	}
}

// ideaMentions counts, for each of the n seeded ideas ("giấy in số i"),
// the messages in ms that mention it.
func ideaMentions(ms []tgtest.Message, n int) []int {
	seen := make([]int, n)
	for _, m := range ms {
		for i := range seen {
			seen[i] += strings.Count(m.Plain, fmt.Sprintf("giấy in số %d", i))
		}
	}
	return seen
}

// submitAtOnce has n staff of VP submit an idea each at the same moment,
// with the bot keeping to one message a second per chat; of the people
// who get messages, only started have opened the bot.
func submitAtOnce(t *testing.T, n int, started ...int64) (*harness, []atConfirm) {
	h := newHarness(t, func(c *config.Config) { c.Limits.PerChatSecond, c.Limits.PerChatBurst = 1, 1 })
	h.srv.Started(started...)
	people := seedAtConfirmIn(t, h, n, func(int) string { return "VP" })
	for _, p := range people {
		h.srv.PressForged(p.user, p.msg, "f:ok")
	}
	return h, people
}

// SPEC §2: no one reviews their own work. A head's own idea skips their
// review and goes straight to the director, who decides it; the head is
// shown no button of their own, and a forged press is refused and audited.
func TestIdea_AHeadsOwnIdeaGoesToTheDirector(t *testing.T) {
	h := newHarness(t)
	h.say(director, "/start")
	h.say(headVP, "/start")
	mark := h.srv.Mark()
	h.submitIdea(headVP, "Dùng chung máy in cả tầng", "Gom máy in về một phòng, in hai mặt.", "12 triệu")
	receipt := h.waitText(mark, headVP.ID, "Đã nộp sáng kiến")
	mustContain(t, receipt, "chuyển thẳng lên lãnh đạo Sở")
	dcard := h.waitText(mark, director.ID, "SK-1")
	mustContain(t, dcard, "Sáng kiến của trưởng đơn vị (Văn phòng Sở – Đỗ Văn Hùng), gửi thẳng lên Sở", "Dùng chung máy in cả tầng")
	if _, ok := dcard.Button("r:a:"); !ok {
		t.Fatalf("the director's card has no accept button: %v", dcard.Keyboard)
	}
	h.settle()
	for _, m := range h.srv.Messages(headVP.ID) {
		for _, row := range m.Keyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "r:e:") || strings.HasPrefix(b.Data, "r:a:") || strings.HasPrefix(b.Data, "r:r:") || strings.HasPrefix(b.Data, "r:x:") {
					t.Errorf("the author was shown %q on %q", b.Text, m.Plain)
				}
			}
		}
	}
	own := h.say(headVP, "/sk_1")
	if _, ok := own.Button("r:w:"); !ok || len(own.Keyboard) != 1 || len(own.Keyboard[0]) != 1 {
		t.Errorf("the author's own card: %v; want only the withdraw button", own.Keyboard)
	}
	mustContain(t, h.say(headVP, "/review"), "Không có sáng kiến nào")

	// Forged presses: endorse, return, reject, accept, all refused and
	// audited, and the idea untouched.
	for _, data := range []string{"r:e:1", "r:r:1", "r:x:1", "r:a:1"} {
		n := len(h.srv.Requests())
		h.srv.PressForged(headVP, own, data)
		h.settle()
		if h.answered(n, "không có quyền") == 0 {
			t.Errorf("forged %s by the author: not refused", data)
		}
	}
	h.db.View(func(tx *storage.Tx) error {
		idea, err := tx.Idea(1)
		if err != nil || idea.Status != storage.IdeaSubmitted || len(idea.History) != 1 {
			t.Errorf("after the forged presses: %s with %d events (%v); want submitted, untouched", idea.Status, len(idea.History), err)
		}
		entries, err := tx.LatestAudit(20)
		refused := 0
		for _, e := range entries {
			if e.Refused && e.Actor == headVP.ID && strings.Contains(e.Detail, ":1") {
				refused++
			}
		}
		if refused != 4 {
			t.Errorf("%d refusals of the author audited; want 4 (%v)", refused, err)
		}
		return nil
	})

	// The director's queue holds it, and the director accepts it.
	mustContain(t, h.say(director, "/review"), "xem xét: 1")
	h.settle()
	mark = h.srv.Mark()
	q := h.press(director, dcard, "r:a:")
	q = h.press(director, q, "f:8")
	q = h.press(director, q, "f:7")
	preview := h.press(director, q, "f:9")
	h.press(director, preview, "f:ok")
	h.waitText(mark, headVP.ID, "đã được chấp thuận áp dụng")
	h.settle()
	if n := h.count(headVP.ID, "của đơn vị đã được chấp thuận áp dụng"); n != 0 {
		t.Errorf("the author was told %d times as the unit's head too", n)
	}
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Status != storage.IdeaApproved {
			t.Errorf("idea = %s; want accepted", idea.Status)
		}
		for _, e := range idea.History {
			if e.Status == storage.IdeaEndorsed {
				t.Errorf("the head's own idea was endorsed by %d", e.Actor)
			}
		}
		return nil
	})
}

// A director's own idea goes, after the unit's head, to the admins when
// there is no other director; the author is shown no button and a forged
// accept is refused.
func TestIdea_ASoleDirectorsOwnIdeaGoesToTheAdmins(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.say(director, "/start")
	h.say(headVP, "/start")
	err := h.db.Update(func(tx *storage.Tx) error { // the director also works in VP
		a, _, err := tx.Member(admin.ID)
		if err != nil {
			return err
		}
		_, err = tx.MoveMember(a, director.ID, "VP")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	mark := h.srv.Mark()
	h.submitIdea(director, "Họp trực tuyến thay họp tập trung", "Họp giao ban qua hội nghị truyền hình.", "30 triệu")
	card := h.waitText(mark, headVP.ID, "Sáng kiến mới của Lê Quang Minh")
	mark = h.srv.Mark()
	h.press(headVP, card, "r:e:")
	acard := h.waitText(mark, admin.ID, "SK-1")
	mustContain(t, acard, "Thường trực Hội đồng Thi đua – Khen thưởng xem xét thay", "Họp trực tuyến")
	if _, ok := acard.Button("r:a:"); !ok {
		t.Fatalf("the admin's card has no accept button: %v", acard.Keyboard)
	}
	h.settle()
	if n := h.count(director.ID, "Sáng kiến được Văn phòng Sở đề xuất"); n != 0 {
		t.Errorf("the director got their own idea to decide %d times", n)
	}
	n := len(h.srv.Requests())
	h.srv.PressForged(director, acard, "r:a:1")
	h.settle()
	if h.answered(n, "không có quyền") == 0 {
		t.Error("the director's forged accept of their own idea was not refused")
	}
	q := h.press(admin, acard, "r:a:")
	q = h.press(admin, q, "f:6")
	q = h.press(admin, q, "f:6")
	preview := h.press(admin, q, "f:6")
	mark = h.srv.Mark()
	h.press(admin, preview, "f:ok")
	h.waitText(mark, director.ID, "đã được chấp thuận áp dụng")
}
