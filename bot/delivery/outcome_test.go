package delivery

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"thiduabot/storage"
)

// queueIDs is the ids of a chat's queued entries, in order.
func queueIDs(s *Sender, chat int64) []uint64 {
	c := s.chats[chat]
	if c == nil {
		return nil
	}
	var ids []uint64
	for _, m := range c.items {
		ids = append(ids, m.ID)
	}
	return ids
}

// When the commit recording deliveries fails, what was delivered goes back
// to its place in its chat's queue (to be sent again: repeated rather than
// lost), a digest's entries with it, and the chat's order holds.
func TestSender_DeliveredGoBackInOrderWhenTheirCommitFails(t *testing.T) {
	db := openDB(t)
	var msgs []storage.Message
	for i := 0; i < 4; i++ {
		msgs = append(msgs, storage.Message{Method: storage.MethodSendMessage, ChatID: 7, Text: "tin " + strconv.Itoa(i), Digest: "head.new_idea", Lang: "vi", Line: "\ndòng " + strconv.Itoa(i)})
	}
	enqueue(t, db, msgs...)
	s := newTestSender(db, nil, newFakeClock())
	if err := s.refill(); err != nil {
		t.Fatal(err)
	}
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{1, 2, 3, 4}) {
		t.Fatalf("queued %v; want 1 2 3 4", got)
	}
	// The first two go as one list and Telegram accepts it.
	parts := slices.Clone(s.chats[7].items[:2])
	list := storage.Message{ID: 1, Method: storage.MethodSendMessage, ChatID: 7, Text: "danh sách"}
	s.chats[7].busy, s.running, s.open = true, 1, 1
	o := s.ended(nil, outcome{msg: list, parts: parts, done: time.Now()})[0]
	if !o.early {
		t.Fatal("an accepted message did not leave the queue at once")
	}
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{3, 4}) {
		t.Fatalf("after delivery the queue is %v; want 3 4", got)
	}
	// Entry 3 is in flight when the commit fails.
	s.chats[7].busy = true
	s.apply(stored{batch: []outcome{o}, ok: false})
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{3, 1, 2, 4}) {
		t.Errorf("after the failed commit the queue is %v; want 3 (in flight) 1 2 4", got)
	}
	// Nothing in flight: they go back to the front.
	s.chats[7].drop(1)
	s.chats[7].busy = false
	o.parts = []storage.Message{{ID: 3, ChatID: 7}}
	s.open++
	s.apply(stored{batch: []outcome{o}, ok: false})
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{1, 2, 3, 4}) {
		t.Errorf("the queue is %v; want 1 2 3 4", got)
	}
	if s.open != 0 {
		t.Errorf("%d entries still counted open", s.open)
	}
}
