package bot_test

import (
	"testing"

	"thiduabot/storage"
)

// A percentage is a button press away (25/50/75/100), beside typing.
func TestForms_PercentAsButtons(t *testing.T) {
	h := newHarness(t)
	h.acceptedIdea()
	pick := h.say(staffAn, "/progress")
	ask := h.press(staffAn, pick, "g:1")
	for _, p := range []string{"f:25", "f:50", "f:75", "f:100"} {
		if _, ok := ask.Button(p); !ok {
			t.Fatalf("no button %s: %v", p, ask.Keyboard)
		}
	}
	mustContain(t, h.press(staffAn, ask, "f:50"), "tiết kiệm")
	note := h.say(staffAn, "2tr5")
	saved := h.press(staffAn, note, "f:skip")
	mustContain(t, saved, "50%", "2.500.000 đ")
	h.db.View(func(tx *storage.Tx) error {
		if idea, _ := tx.Idea(1); idea.Percent != 50 {
			t.Errorf("percent stored = %d; want 50", idea.Percent)
		}
		return nil
	})
}

// Opening another action while a form is half-filled asks first: going
// back keeps the form; dropping it does what was asked. On the
// similar-ideas screen, "📈 Báo cáo tiến độ" of an idea shown no longer
// loses the idea being written.
func TestForms_AHalfFilledFormIsNotDroppedSilently(t *testing.T) {
	h := newHarness(t)
	h.acceptedIdea()
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "In hai mặt mọi văn bản")
	pick := h.say(staffAn, "/progress")
	asked := h.press(staffAn, pick, "g:1")
	mustContain(t, asked, "đang nhập dở")
	h.db.View(func(tx *storage.Tx) error {
		f, ok, _ := tx.Forms().Get(staffAn.ID)
		if st, _ := storage.FormState[map[string]string](f); !ok || f.Kind != "idea" || st["title"] != "In hai mặt mọi văn bản" {
			t.Errorf("the idea form was dropped: %+v", f)
		}
		return nil
	})
	mustContain(t, h.press(staffAn, asked, "fk"), "tiếp tục")
	mustContain(t, h.say(staffAn, "Đặt máy in mặc định in hai mặt."), "Bước 4/4")

	// Asked again, and this time the form is dropped: the progress starts.
	asked = h.press(staffAn, h.say(staffAn, "/progress"), "g:1")
	mark := h.srv.Mark()
	h.press(staffAn, asked, "fx:")
	h.waitText(mark, staffAn.ID, "phần trăm hoàn thành")
	h.db.View(func(tx *storage.Tx) error {
		if f, _, _ := tx.Forms().Get(staffAn.ID); f.Kind != "progress" {
			t.Errorf("after dropping, the form is %q; want progress", f.Kind)
		}
		return nil
	})
	// A command typed is asked about the same way, and done after the drop.
	asked = h.say(staffAn, "/idea")
	mustContain(t, asked, "đang nhập dở")
	mark = h.srv.Mark()
	h.press(staffAn, asked, "fx:")
	h.waitText(mark, staffAn.ID, "bước 1/4")
}

// The idea's check step has "✏️ Sửa": one field is corrected, with its
// value shown, and the form comes back to the check step.
func TestForms_IdeaCheckStepEditsOneField(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Tắt điện khi ra về")
	h.say(staffAn, "Người về sau cùng tắt điện.")
	check := h.say(staffAn, "1 triệu")
	which := h.press(staffAn, check, "f:fix")
	mustContain(t, which, "Sửa mục nào?")
	ask := h.press(staffAn, which, "f:fix:savings")
	mustContain(t, ask, "Hiện tại: 1.000.000 đ")
	check = h.say(staffAn, "2tr5")
	mustContain(t, check, "Tắt điện khi ra về", "Người về sau cùng tắt điện.", "2.500.000 đ")
	ask = h.press(staffAn, h.press(staffAn, check, "f:fix"), "f:fix:title")
	mustContain(t, ask, "Hiện tại: Tắt điện khi ra về")
	check = h.say(staffAn, "Tắt điện, điều hòa khi ra về")
	mustContain(t, check, "Tắt điện, điều hòa khi ra về", "2.500.000 đ")
	mark := h.srv.Mark()
	h.press(staffAn, check, "f:ok")
	h.waitText(mark, staffAn.ID, "Đã nộp sáng kiến")
	h.db.View(func(tx *storage.Tx) error {
		idea, _ := tx.Idea(1)
		if idea.Title != "Tắt điện, điều hòa khi ra về" || idea.EstSavings != 2_500_000 || idea.Description != "Người về sau cùng tắt điện." {
			t.Errorf("stored %+v", idea)
		}
		return nil
	})
}
