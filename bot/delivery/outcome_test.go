package delivery

import (
	"errors"
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

// When the commit recording deliveries fails, what was delivered stays
// out of its chat's queue (it is not sent again) while the commit is tried
// again; the chat's next entries go on in order.
func TestSender_DeliveredStayOutOfTheQueueWhileTheirCommitFails(t *testing.T) {
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
	finished := s.ended(nil, outcome{msg: list, parts: parts, done: time.Now()})
	if !finished[0].early {
		t.Fatal("an accepted message did not leave the queue at once")
	}
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{3, 4}) {
		t.Fatalf("after delivery the queue is %v; want 3 4", got)
	}
	// The commit fails (the disk is full): the outcome is kept, nothing
	// goes back. The next commit works.
	s.Left = func(*storage.Tx, []storage.Message) error { return errors.New("no space left on device") }
	if st := s.store(finished); st.ok {
		t.Fatal("the commit worked")
	}
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{3, 4}) {
		t.Errorf("after the failed commit the queue is %v; want 3 4", got)
	}
	s.Left = nil
	st := s.store(finished)
	if !st.ok {
		t.Fatal("the second commit failed")
	}
	s.apply(st)
	if s.open != 0 {
		t.Errorf("%d entries still counted open", s.open)
	}
	if n, _, _ := db.OutboxLen(); n != 2 {
		t.Errorf("%d entries in the outbox; want 2 (3 and 4)", n)
	}
}
