package bot_test

import (
	"strings"
	"testing"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// Where a message is enqueued decides its priority, and the outbox keeps
// it across a restart: what answers a person's own action is a reply,
// what tells someone else of it is a notice, a reminder round is bulk.
func TestPriority_DecidedWhereEnqueuedAndKeptAcrossRestart(t *testing.T) {
	h := newHarnessAt(t, at(13, 16, 0))
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	h.consent(staffAn, code) // consented before: /start asks the name at once
	h.settle()
	// Telegram refuses every message for a while: they wait in the outbox.
	h.srv.Inject("sendMessage", 0, 1_000_000, tgtest.Fault{Status: 502})
	h.srv.SendText(staffAn, "/start "+code)
	id := h.srv.SendText(staffAn, "Nguyễn Văn An")
	if err := h.srv.WaitConfirmed(id, wait); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at(13, 17, 0)) // the quarter's report is 7 days away
	if err := h.bot.Sweep(); err != nil {
		t.Fatal(err)
	}

	check := func(when string) {
		t.Helper()
		pending, err := h.db.Pending(0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var replies, notices, reminders int
		for _, m := range pending {
			var want storage.Priority
			switch {
			case m.ChatID == staffAn.ID:
				want = storage.PriorityReply
				replies++
			case strings.Contains(m.Text, "Nguyễn Văn An"):
				want = storage.PriorityNotice
				notices++
			case strings.Contains(m.Text, "Nhắc hạn") || strings.Contains(m.Text, "Report reminder"):
				want = storage.PriorityBulk
				reminders++
			default:
				t.Errorf("%s: an unexpected message to %d: %q", when, m.ChatID, m.Text)
				continue
			}
			if m.Priority != want {
				t.Errorf("%s: priority %d for %q to %d; want %d", when, m.Priority, m.Text, m.ChatID, want)
			}
		}
		if replies < 2 || notices < 1 || reminders < len(h.cfg.Units) {
			t.Errorf("%s: %d replies, %d notices, %d reminders waiting; want 2, 1 and one a unit at least", when, replies, notices, reminders)
		}
	}
	check("before the restart")
	h.restart()
	check("after the restart")
}
