package bot_test

import (
	"strings"
	"testing"

	"thiduabot/storage"
)

// A head whose staff submit several ideas at once is not sent a card a
// second for each: what piles up behind the chat's limit goes as one list,
// each idea in it exactly once.
func TestIdea_HeadGetsOneListWhenIdeasPileUp(t *testing.T) {
	h, people := submitAtOnce(t, 5, headVP.ID)
	for _, p := range people {
		h.waitText(0, p.user.ID, "Đã nộp sáng kiến")
	}
	h.settle()
	got := h.srv.Messages(headVP.ID)
	for i, n := range ideaMentions(got, len(people)) {
		if n != 1 {
			t.Errorf("idea %d reached the head %d times; want once", i, n)
		}
	}
	if len(got) > 2 {
		t.Errorf("the head got %d messages for 5 ideas; want a card and a list at most: %q", len(got), plains(got))
	}
	var lists int
	for _, m := range got {
		if !strings.Contains(m.Plain, "sáng kiến mới chờ xem xét") {
			continue
		}
		lists++
		mustContain(t, m, "/review", "/sk_", "Cán Bộ Thử Nghiệm", "1.500.000 đ/năm")
		if len(m.Keyboard) != 0 {
			t.Errorf("a list has buttons: %v", m.Keyboard)
		}
	}
	if lists == 0 {
		t.Errorf("no list among the head's messages: %q", plains(got))
	}
	// Each idea is still the head's to decide from its own card.
	card := h.say(headVP, "/sk_5")
	if _, ok := card.Button("r:e:"); !ok {
		t.Errorf("/sk_5 from the list shows no endorse button: %q %v", card.Plain, card.Keyboard)
	}
}

// When the head cannot be reached, the piled-up cards are set aside, not
// lost and not retried for ever, and the admins are told once.
func TestIdea_PiledUpCardsToAnUnreachableHeadAreSetAsideOnce(t *testing.T) {
	h, people := submitAtOnce(t, 4, admin.ID)
	h.settle()
	if n := h.count(admin.ID, "chưa bắt đầu trò chuyện với hệ thống"); n != 1 {
		t.Errorf("admin told %d times that the head cannot be reached; want once", n)
	}
	var aside int
	err := h.db.View(func(tx *storage.Tx) error {
		ms, err := tx.Outbox().Undeliverable(100)
		for _, m := range ms {
			if m.ChatID == headVP.ID {
				aside++
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if aside != len(people) {
		t.Errorf("%d cards set aside; want %d, one per idea", aside, len(people))
	}
}
