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
