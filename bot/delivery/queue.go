package delivery

import (
	"container/heap"
	"time"

	"thiduabot/storage"
)

// chatQueue is one chat's undelivered outbox entries, oldest first: the
// first goes, and the next only once Telegram has accepted it (or its
// failure is stored, with when to try again).
type chatQueue struct {
	id     int64
	items  []storage.Message
	queued [classes]int // entries in items, by class
	busy   bool         // items[0] is in flight, or its failure not stored yet
	until  time.Time    // while waiting: when items[0] may go
	heap   *chatHeap    // the heap holding the chat, if any
	index  int          // its place there
}

// class is the class the chat goes at: that of its most urgent entry. The
// entries before that one go at its class too, since a chat's order is
// kept: a reply queued behind a reminder takes the reminder along rather
// than wait behind the round, and never overtakes it (it may be what the
// reply is about).
func (c *chatQueue) class() int {
	for k, n := range c.queued {
		if n > 0 {
			return k
		}
	}
	return classes - 1
}

// push queues m last.
func (c *chatQueue) push(m storage.Message) {
	c.items = append(c.items, m)
	c.queued[classOf(m.Priority)]++
}

// drop takes the first n entries off the queue (delivered, or set aside).
func (c *chatQueue) drop(n int) {
	for _, m := range c.items[:n] {
		c.queued[classOf(m.Priority)]--
	}
	clear(c.items[:n])
	c.items = c.items[n:]
}

// chatHeap is a heap of chats (container/heap) that knows each chat's place.
type chatHeap struct {
	chats []*chatQueue
	less  func(a, b *chatQueue) bool
}

func (h *chatHeap) Len() int           { return len(h.chats) }
func (h *chatHeap) Less(i, j int) bool { return h.less(h.chats[i], h.chats[j]) }
func (h *chatHeap) Swap(i, j int) {
	h.chats[i], h.chats[j] = h.chats[j], h.chats[i]
	h.chats[i].index, h.chats[j].index = i, j
}
func (h *chatHeap) Push(x any) {
	c := x.(*chatQueue)
	c.heap, c.index = h, len(h.chats)
	h.chats = append(h.chats, c)
}
func (h *chatHeap) Pop() any {
	c := h.chats[len(h.chats)-1]
	h.chats[len(h.chats)-1] = nil
	h.chats = h.chats[:len(h.chats)-1]
	c.heap = nil
	return c
}

// groupsThenOlder orders the chats of a class that are ready: group chats
// first, since their limit (20 a minute) is the tightest, so their few
// messages go as soon as they may instead of after every private one
// queued before them; then the chat whose first entry is oldest.
func groupsThenOlder(a, b *chatQueue) bool {
	if ag, bg := a.id < 0, b.id < 0; ag != bg {
		return ag
	}
	return a.items[0].ID < b.items[0].ID
}

func sooner(a, b *chatQueue) bool { return a.until.Before(b.until) }

// place puts a chat whose first entry may be tried among the ready ones of
// its class, or moves it there when a more urgent entry joined its queue.
// A chat that is busy, or waiting for a limit or a retry, stays as it is:
// it is placed when its wait ends.
func (s *Sender) place(c *chatQueue) {
	if c.busy || len(c.items) == 0 || c.heap == &s.waiting {
		return
	}
	h := &s.ready[c.class()]
	if c.heap == h {
		return
	}
	if c.heap != nil {
		heap.Remove(c.heap, c.index)
	}
	heap.Push(h, c)
}

// chat returns a chat's queue, made when it has none.
func (s *Sender) chat(id int64) *chatQueue {
	c := s.chats[id]
	if c == nil {
		c = &chatQueue{id: id}
		s.chats[id] = c
	}
	return c
}

// refill reads the outbox entries committed since the last look. Entries
// get increasing ids in serialised write transactions, so once an id is
// seen every smaller one is committed too (or never will be).
func (s *Sender) refill() error {
	fresh, err := s.db.Pending(s.lastID, 1<<20)
	if err != nil {
		return err
	}
	for _, m := range fresh {
		c := s.chat(m.ChatID)
		c.push(m)
		s.place(c)
		s.lastID = m.ID
	}
	return nil
}
