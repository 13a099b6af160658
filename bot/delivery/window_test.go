package delivery

import (
	"fmt"
	"slices"
	"testing"

	"thiduabot/storage"
)

// Through a window far smaller than the backlog (10 entries, 3 a chat),
// every entry goes once, each chat's in order, and a reply and a notice
// enqueued behind 200 round messages go among the first calls, not after
// the round; the sender never holds more than its window.
func TestSender_ABoundedWindowKeepsOrderAndPriority(t *testing.T) {
	db := openDB(t)
	var msgs []storage.Message
	for i := 0; i < 200; i++ {
		msgs = append(msgs, msg(int64(100+i%20), storage.PriorityBulk, fmt.Sprintf("nhắc %d", i)))
	}
	enqueue(t, db, msgs...)
	enqueue(t, db,
		msg(105, storage.PriorityReply, "trả lời sau 10 lời nhắc"),
		msg(199, storage.PriorityReply, "trả lời"),
		msg(198, storage.PriorityNotice, "thông báo"))
	clock := newFakeClock()
	api := newRecorder(clock, nil)
	s := newTestSender(db, api, clock)
	s.win = windowSizes{all: 10, perChat: 3, urgent: 10}
	stop := start(t, s)
	drive(t, clock, 2000, func() bool { n, _, _ := db.OutboxLen(); return n == 0 && s.Stats().Sent == 203 }, nil)
	stop()

	made := api.made()
	if len(made) != 203 {
		t.Fatalf("%d calls; want 203, one an entry", len(made))
	}
	seen := map[uint64]bool{}
	last := map[int64]uint64{}
	for i, c := range made {
		if seen[c.msg.ID] {
			t.Errorf("entry %d sent twice", c.msg.ID)
		}
		seen[c.msg.ID] = true
		if c.msg.ID < last[c.msg.ChatID] {
			t.Errorf("chat %d: entry %d went after %d", c.msg.ChatID, c.msg.ID, last[c.msg.ChatID])
		}
		last[c.msg.ChatID] = c.msg.ID
		switch c.msg.Text {
		case "trả lời":
			if i >= 12 {
				t.Errorf("the reply behind the round went as call %d; want among the first 12", i+1)
			}
		case "thông báo":
			if i >= 20 {
				t.Errorf("the notice behind the round went as call %d; want among the first 20", i+1)
			}
		}
	}
	texts := func(chat int64) []string {
		var out []string
		for _, c := range made {
			if c.msg.ChatID == chat {
				out = append(out, c.msg.Text)
			}
		}
		return out
	}
	if got := texts(105); len(got) != 11 || got[10] != "trả lời sau 10 lời nhắc" {
		t.Errorf("chat 105 got %q; want its 10 reminders, then the reply", got)
	}
	if s.peak > 10+10+3 {
		t.Errorf("the sender held %d entries at once; want at most its window (10, and 10 for replies and notices, and a chat's 3)", s.peak)
	}
	if got := texts(199); !slices.Equal(got, []string{"trả lời"}) {
		t.Errorf("chat 199 got %q; want the reply", got)
	}
}
