package delivery

import (
	"container/heap"
	"errors"
	"time"

	"thiduabot/storage"
)

// chatQueue is one chat's undelivered outbox entries, oldest first: the
// first goes, and the next only once Telegram has accepted it (or its
// failure is stored, with when to try again).
type chatQueue struct {
	id       int64
	items    []storage.Message
	queued   [classes]int // entries in items, by class
	busy     bool         // items[0] is in flight, or its failure not stored yet
	seen     uint64       // the newest entry of the chat read into items
	more     bool         // entries of the chat wait in the outbox past those in items
	urgent   int          // with more: the class of an entry not read yet that the chat goes at (classes: none)
	urgentID uint64       // … that entry
	until    time.Time    // while waiting: when items[0] may go
	heap     *chatHeap    // the heap holding the chat, if any
	index    int          // its place there
}

// class is the class the chat goes at: that of its most urgent entry. The
// entries before that one go at its class too, since a chat's order is
// kept: a reply queued behind a reminder takes the reminder along rather
// than wait behind the round, and never overtakes it (it may be what the
// reply is about).
func (c *chatQueue) class() int {
	for k, n := range c.queued {
		if n > 0 || k == c.urgent {
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
		c = &chatQueue{id: id, urgent: classes}
		s.chats[id] = c
	}
	return c
}

// The sender reads the outbox through a bounded window, so that its
// memory stays flat under any backlog (an outage of a province's
// reminders): a cursor goes through the outbox in order while fewer than
// window entries are held, at most perChatWindow of them for one chat;
// a chat whose held entries run out reads its next ones from the chat's
// own index; and replies and notices past the cursor are found through
// their index and read at once, each with the entries of its chat before
// it, so that a reply never waits behind a round, and a chat's order holds.
//
// The sizes are the Sender's window fields (tests make them small).
const (
	window        = 2048
	perChatWindow = 64
	// urgentWindow is how many more entries replies and notices past the
	// cursor may bring in.
	urgentWindow = 2048
)

// windowSizes are a sender's window's sizes.
type windowSizes struct{ all, perChat, urgent int }

// push holds m, the chat's next entry, last in its queue.
func (s *Sender) push(c *chatQueue, m storage.Message) {
	c.push(m)
	c.seen = m.ID
	if c.urgentID <= m.ID {
		c.urgent = classes // read now: it counts among the queued
	}
	s.loaded++
	s.peak = max(s.peak, s.loaded)
}

// drop takes the first n entries off a chat's queue.
func (s *Sender) drop(c *chatQueue, n int) {
	c.drop(n)
	s.loaded -= n
}

// emptied deals with a chat whose queue has run out: it reads its next
// entries at the next refill if more wait, else it is forgotten.
func (s *Sender) emptied(c *chatQueue) {
	if c.more {
		s.starved[c.id] = true
		s.fresh = true
		return
	}
	delete(s.chats, c.id)
}

// refill reads what the window has room for: the next entries of the
// chats that ran out, then from the cursor on, then the replies and
// notices past it. Entries get increasing ids in serialised write
// transactions, so once an id is seen every smaller one is committed too
// (or never will be). Without the outbox's indexes (IndexOutbox failed)
// every entry past the cursor is read, as before the window.
func (s *Sender) refill() error {
	return s.db.View(func(tx *storage.Tx) error {
		for id := range s.starved {
			delete(s.starved, id)
			c := s.chats[id]
			if c == nil || len(c.items) > 0 {
				continue
			}
			c.more = false
			n := 0
			err := tx.Sending().OfChat(id, c.seen, func(m storage.Message) bool {
				if n == s.win.perChat {
					c.more = true
					return false
				}
				if !s.delivered[m.ID] {
					s.push(c, m)
					n++
				}
				return true
			})
			if err != nil {
				return err
			}
			if len(c.items) == 0 {
				s.emptied(c)
			} else {
				s.place(c)
			}
		}
		err := tx.Sending().After(s.cursor, func(m storage.Message) bool {
			if s.windowed && s.loaded >= s.win.all {
				return false
			}
			s.cursor = m.ID
			c := s.chat(m.ChatID)
			switch {
			case m.ID <= c.seen || s.delivered[m.ID]: // read already, through an urgent one after it
			case s.windowed && (c.more || len(c.items) >= s.win.perChat):
				c.more = true
			default:
				s.push(c, m)
				s.place(c)
			}
			return true
		})
		if err != nil || !s.windowed {
			return err
		}
		for k, p := range []storage.Priority{storage.PriorityReply, storage.PriorityNotice} {
			var readErr error
			err := tx.Sending().Urgent(p, s.urgentAfter[k], func(id uint64, chat int64) bool {
				if s.loaded >= s.win.all+s.win.urgent {
					return false
				}
				s.urgentAfter[k] = id
				c := s.chats[chat]
				if id <= s.cursor || s.delivered[id] || (c != nil && id <= c.seen) {
					if c != nil && c.more && id > c.seen && k < c.urgent { // held back by perChatWindow: the chat goes at this class
						c.urgent, c.urgentID = k, id
						s.place(c)
					}
					return true
				}
				c = s.chat(chat)
				// The chat's entries up to this one, past the cursor.
				err := tx.Sending().OfChat(chat, c.seen, func(m storage.Message) bool {
					if m.ID > id {
						c.more = true
						return false
					}
					if !s.delivered[m.ID] {
						s.push(c, m)
					}
					return true
				})
				if err != nil {
					readErr = err
					return false
				}
				if len(c.items) == 0 {
					s.emptied(c)
				} else {
					s.place(c)
				}
				return true
			})
			if err := errors.Join(err, readErr); err != nil {
				return err
			}
		}
		return nil
	})
}
