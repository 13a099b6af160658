package bot_test

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// /ideas filters are words the bot itself shows, typed any way, or
// buttons; a word it does not know is answered with the buttons.
func TestIdeas_FiltersInVietnameseAndAsButtons(t *testing.T) {
	h := newHarness(t)
	h.acceptedIdea() // SK-1, accepted, in progress
	h.submitIdea(staffAn, "Dùng đèn LED ở hành lang", "Thay bóng huỳnh quang.", "0")
	err := h.db.Update(func(tx *storage.Tx) error {
		an, _, _ := tx.Member(staffAn.ID)
		_, err := tx.SubmitIdea(an, storage.Idea{Theme: storage.ThemeInfrastructure, Title: "Cáp quang cho trạm", Description: "x"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.say(director, "/start")
	for _, typed := range []string{"/ideas đang thực hiện", "/ideas dang thuc hien", norm.NFD.String("/ideas Đang Thực Hiện"), "/ideas in_progress"} {
		list := h.say(director, typed)
		mustContain(t, list, "(1)", "/sk_1 ", "Lọc: đang thực hiện")
		if strings.Contains(list.Plain, "/sk_2 ") {
			t.Errorf("%q lists a submitted idea:\n%s", typed, list.Plain)
		}
	}
	list := h.say(director, "/ideas hạ tầng VP")
	mustContain(t, list, "(1)", "/sk_3 ", "Lọc: 🏗 Hạ tầng, Văn phòng")
	bad := h.say(director, "/ideas tuần trước")
	mustContain(t, bad, "Không hiểu bộ lọc “tuần”")
	if _, ok := bad.Button("i:0:submitted"); !ok {
		t.Errorf("an unknown filter is not answered with the buttons: %v", bad.Keyboard)
	}
	// A press filters in place, marks the filter in force, and a second
	// press on it takes it off.
	all := h.say(director, "/ideas")
	mustContain(t, all, "(3)")
	submitted := h.press(director, all, "i:0:submitted")
	mustContain(t, submitted, "(2)", "/sk_2 ", "/sk_3 ", "Lọc: đã nộp")
	btn, ok := submitted.Button("i:0:")
	if !ok {
		t.Fatal("no filter buttons after a press")
	}
	var marked string
	for _, row := range submitted.Keyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Text, "• ") {
				marked = b.Data
			}
		}
	}
	if marked == "" {
		t.Fatalf("the filter in force is not marked: %v (first %v)", submitted.Keyboard, btn)
	}
	again := h.press(director, submitted, marked)
	mustContain(t, again, "(3)")
	// A staff member's listing has no unit filter: they see their own.
	mustContain(t, h.say(staffAn, "/ideas VP"), "Không hiểu bộ lọc")
	mustContain(t, h.say(staffAn, "/ideas được công nhận là sáng kiến"), "(0)")
}
