package bot_test

import (
	"strings"
	"testing"
)

// An idea like others already sent is shown them before the confirm step:
// the author's own with its description and a button to open it, another
// unit's by its title only; after "Vẫn nộp" the submission goes on, and
// the head's and the director's cards say which ideas it may duplicate.
func TestSimilar_WarnedBeforeConfirmThenSentAnyway(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	h.say(director, "/start")
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.member(5004, "CNTT", "Lê Văn Cường")
	h.ideas(5004, [2]string{"Tắt điện khi ra khỏi phòng", "Nhắc mọi người tắt đèn, quạt và điều hòa khi ra khỏi phòng làm việc — nội-bộ-CNTT."})
	h.ideas(staffAn.ID, [2]string{"Tắt đèn, điều hòa khi rời phòng", "Người ra khỏi phòng cuối cùng tắt điện, đèn và điều hòa."})
	h.ideas(staffAn.ID, [2]string{"In hai mặt", "Mặc định máy in in hai mặt."})
	h.settle()

	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Tắt điện khi rời phòng")
	h.say(staffAn, "Tắt đèn, quạt, điều hòa khi ra khỏi phòng làm việc.")
	warning := h.say(staffAn, "1 tr")
	mustContain(t, warning, "Đã có sáng kiến giống sáng kiến này",
		"SK-1 – Tắt điện khi ra khỏi phòng", "của đồng chí khác, chỉ hiển thị tên sáng kiến",
		"SK-2 – Tắt đèn, điều hòa khi rời phòng", "Người ra khỏi phòng cuối cùng")
	for _, s := range []string{"nội-bộ-CNTT", "SK-3", "Kiểm tra lại sáng kiến"} {
		if strings.Contains(warning.Plain, s) {
			t.Errorf("the warning shows %q: %q", s, warning.Plain)
		}
	}
	if _, ok := warning.Button("f:view:2"); !ok {
		t.Errorf("no button opens SK-2: %v", warning.Keyboard)
	}
	if _, ok := warning.Button("f:view:1"); ok {
		t.Errorf("a button opens another unit's SK-1: %v", warning.Keyboard)
	}
	for _, label := range []string{"Vẫn nộp", "Xem SK-2", "Hủy"} {
		if !strings.Contains(strings.Join(buttonTexts(warning), "|"), label) {
			t.Errorf("no %q button: %v", label, buttonTexts(warning))
		}
	}
	// Opening SK-2 leaves the warning where it was.
	card := h.press(staffAn, warning, "f:view:2")
	mustContain(t, card, "SK-2 – Tắt đèn, điều hòa khi rời phòng")
	// A forged press for another unit's idea opens nothing.
	mark := h.srv.Mark()
	h.srv.Press(staffAn, warning, "f:view:1")
	h.settle()
	for _, m := range h.srv.LogSince(mark) {
		if strings.Contains(m.Plain, "nội-bộ-CNTT") {
			t.Errorf("a forged press showed %q", m.Plain)
		}
	}

	confirm := h.press(staffAn, h.current(warning), "f:go")
	mustContain(t, confirm, "Kiểm tra lại sáng kiến", "Tắt điện khi rời phòng")
	mark = h.srv.Mark()
	saved := h.press(staffAn, confirm, "f:ok")
	mustContain(t, saved, "SK-4")
	head := h.waitText(mark, headVP.ID, "Sáng kiến mới")
	mustContain(t, head, "Có thể trùng với SK-1, SK-2", "/sk_1 /sk_2")

	mark = h.srv.Mark()
	h.press(headVP, head, "r:e:")
	dcard := h.waitText(mark, director.ID, "SK-4")
	mustContain(t, dcard, "Có thể trùng với SK-1, SK-2")
	// The author's own card does not carry the reviewers' hint.
	if own := h.say(staffAn, "/sk_4"); strings.Contains(own.Plain, "Có thể trùng") {
		t.Errorf("the author's card carries the hint: %q", own.Plain)
	}
}

func TestSimilar_NoWarningForANewIdeaAndCancelLeaves(t *testing.T) {
	h := newHarness(t)
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.ideas(staffAn.ID, [2]string{"Tắt điện khi ra khỏi phòng", "Nhắc mọi người tắt đèn, quạt và điều hòa khi ra khỏi phòng làm việc."})
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Xe công dùng chung")
	h.say(staffAn, "Các phòng đi công tác cùng tuyến đi chung một xe.")
	confirm := h.say(staffAn, "0")
	mustContain(t, confirm, "Kiểm tra lại sáng kiến")

	h.say(staffAn, "/cancel")
	theme = h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Tắt điện khi rời phòng")
	h.say(staffAn, "Tắt đèn, quạt, điều hòa khi ra khỏi phòng làm việc.")
	warning := h.say(staffAn, "0")
	mustContain(t, warning, "SK-1")
	left := h.press(staffAn, warning, "f:cancel")
	mustContain(t, left, "Đã hủy")
	if list := h.say(staffAn, "/ideas"); strings.Contains(list.Plain, "SK-2") || strings.Contains(list.Plain, "/sk_2") {
		t.Errorf("a cancelled idea was stored: %q", list.Plain)
	}
}

// A reviewer returns an idea as a duplicate of one the card names: the
// author is told which, and both ideas' histories link the other.
func TestDuplicate_MarkedByTheHeadLinkedBothWays(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	h.say(director, "/start")
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.ideas(staffAn.ID, [2]string{"Tắt điện khi ra khỏi phòng", "Nhắc mọi người tắt đèn, quạt và điều hòa khi ra khỏi phòng làm việc."})
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Tắt điện khi rời phòng")
	h.say(staffAn, "Tắt đèn, quạt, điều hòa khi ra khỏi phòng làm việc.")
	warning := h.say(staffAn, "0")
	confirm := h.press(staffAn, warning, "f:go")
	mark := h.srv.Mark()
	h.press(staffAn, confirm, "f:ok")
	card := h.waitText(mark, headVP.ID, "Có thể trùng với SK-1")

	ask := h.press(headVP, card, "r:d:")
	mustContain(t, ask, "SK-2 trùng với sáng kiến nào?")
	if bad := h.say(headVP, "không biết"); !strings.Contains(bad.Plain, "gõ mã sáng kiến") {
		t.Errorf("a wrong answer is told %q", bad.Plain)
	}
	mark = h.srv.Mark()
	done := h.press(headVP, h.current(ask), "f:1")
	mustContain(t, done, "Đã trả lại SK-2", "trùng với SK-1")
	told := h.waitText(mark, staffAn.ID, "được trả lại: trùng với SK-1")
	mustContain(t, told, "Tắt điện khi ra khỏi phòng")
	if _, ok := told.Button("e:"); !ok {
		t.Errorf("the author cannot edit the returned idea: %v", told.Keyboard)
	}
	mustContain(t, h.say(director, "/sk_2"), "trả lại để bổ sung", "trùng với SK-1")
	mustContain(t, h.say(director, "/sk_1"), "đánh dấu SK-2 trùng với sáng kiến này")
}

// A director may return an endorsed idea as a duplicate too; its author,
// editing it, is warned of the other idea but never of the idea itself.
func TestDuplicate_ByTheDirectorThenEditedWithoutSeeingItself(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	h.say(director, "/start")
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.ideas(staffAn.ID, [2]string{"In hai mặt giấy", "Mặc định máy in in hai mặt để tiết kiệm giấy."})
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "In giấy hai mặt")
	h.say(staffAn, "Đặt máy in mặc định in hai mặt, tiết kiệm giấy.")
	warning := h.say(staffAn, "0")
	mustContain(t, warning, "SK-1 – In hai mặt giấy")
	confirm := h.press(staffAn, warning, "f:go")
	mark := h.srv.Mark()
	h.press(staffAn, confirm, "f:ok")
	card := h.waitText(mark, headVP.ID, "SK-2")
	mark = h.srv.Mark()
	h.press(headVP, card, "r:e:")
	dcard := h.waitText(mark, director.ID, "Có thể trùng với SK-1")
	mustContain(t, h.press(director, dcard, "r:d:"), "SK-2 trùng với sáng kiến nào?")
	mark = h.srv.Mark()
	mustContain(t, h.say(director, "sk-1"), "Đã trả lại SK-2", "trùng với SK-1")
	told := h.waitText(mark, staffAn.ID, "được trả lại: trùng với SK-1")

	// The author edits it, keeping every field: the warning names SK-1 only.
	edit := h.press(staffAn, told, "e:2")
	for range 3 { // theme, title, description
		edit = h.press(staffAn, h.current(edit), "f:keep")
	}
	warning = h.press(staffAn, h.current(edit), "f:keep") // the savings
	mustContain(t, warning, "SK-1 – In hai mặt giấy")
	if strings.Contains(warning.Plain, "SK-2") {
		t.Errorf("the idea being edited is called like itself: %q", warning.Plain)
	}
	confirm = h.press(staffAn, warning, "f:go")
	mark = h.srv.Mark()
	mustContain(t, h.press(staffAn, confirm, "f:ok"), "SK-2")
	mustContain(t, h.waitText(mark, headVP.ID, "SK-2"), "Có thể trùng với SK-1")
}
