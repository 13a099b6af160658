// Package delivery delivers the outbox: each chat's messages in order,
// within Telegram's limits (overall, per chat, per group), honouring
// retry_after, retrying transient failures with backoff and setting aside,
// never dropping, what Telegram refuses for good. A message leaves the
// outbox only after Telegram accepted it.
//
// When more is due than the limits let through, replies to a person's own
// action go first, then notices of what others did, then bulk rounds
// (storage.Priority), with a fair turn for each so that none starves.
//
// It knows Telegram only through API, and time only through Clock; what
// messages say (the texts of lists, who to tell about a refusal) is the
// caller's, through the Sender's hooks.
package delivery

import (
	"container/heap"
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// MaxInFlight bounds the calls a Sender has waiting for Telegram at once.
// An HTTP client for its API should keep as many connections open.
const MaxInFlight = 32

// Sender delivers a database's outbox. Set its hooks (and, in tests, its
// clock) before Run.
type Sender struct {
	db     *storage.DB
	api    API
	log    *slog.Logger
	limits config.Limits

	// Clock is the time the sender keeps to; NewSender gives it the
	// system's, tests one they move.
	Clock Clock

	// Digest makes one message of the entries at the head of a chat's
	// queue that may go together, and returns it with how many it stands
	// for; fewer than two means the first goes as it is. It is asked only
	// when the first entry names a Digest kind and more are queued behind
	// it; nil sends every entry alone. The sender does not know what a
	// list says: the caller does (see storage.Message.Digest).
	Digest func(queued []storage.Message) (storage.Message, int)

	// Undeliverable is called, in the transaction that sets a message
	// aside, when Telegram refuses it for good: for each entry of a
	// digest.
	Undeliverable func(tx *storage.Tx, m storage.Message, reason string) error

	// DeadLettered is called, in the transaction that moves it to the
	// dead letters, for each entry that can never be sent (see
	// deadLetterKind), with its kind and the error.
	DeadLettered func(tx *storage.Tx, m storage.Message, kind, reason string) error

	// Left is called, in the transaction that stores a batch of outcomes,
	// with the entries that left the outbox in it: delivered, or refused
	// for good (after Undeliverable). What they were sent for may be over
	// (storage.Message.Round).
	Left func(tx *storage.Tx, gone []storage.Message) error

	maxInFlight int
	wake        chan struct{}
	chats       map[int64]*chatQueue // the chats with undelivered entries
	ready       [classes]chatHeap    // chats whose next entry may go, by class (see place)
	passed      [classes]int         // calls in a row that went before a class with a chat ready
	waiting     chatHeap             // chats whose next entry must wait, soonest first
	cursor      uint64               // the newest entry the window's cursor has passed (queue.go)
	urgentAfter [2]uint64            // … and the newest reply and notice looked at past it
	loaded      int                  // entries held in the chats' queues
	peak        int                  // the most held at once
	windowed    bool                 // the outbox's indexes are there: the window is bounded
	win         windowSizes
	starved     map[int64]bool  // chats whose queue ran out while more of theirs wait
	delivered   map[uint64]bool // entries delivered whose outcome is not stored yet
	running     int             // calls not ended
	open        int             // entries in flight or whose outcome is not stored yet
	fresh       bool            // the outbox may have entries not read yet
	failed      int             // commits of outcomes failed in a row
	holdTil     time.Time       // after a failed commit: no message before
	global      *rate.Limiter
	perChat     map[int64]*rate.Limiter
	pauses      map[int64]time.Time // chat → no request before (retry_after)

	mu        sync.Mutex
	stats     Stats
	answers   []storage.Message // answers to buttons, not in the outbox: they go first
	answering int               // answers taken from answers and not ended
}

// Stats counts what the sender did: calls Telegram accepted (a list of
// several entries counts once), calls answered 429, failed calls to be
// tried again, and entries refused for good and set aside.
type Stats struct {
	Sent, RateLimited, Retried, SetAside, DeadLettered int
}

// idleWait is how long the loop waits when nothing is due at a known time:
// what it waits for (a call ending, a commit, Notify) wakes it sooner.
const idleWait = time.Minute

// globalBurst is how many calls may go at once under the overall limit:
// 10 ms worth, at least one (one at Telegram's 30 a second).
func globalBurst(perSecond float64) int { return max(1, int(perSecond/100)) }

// NewSender makes a sender for db's outbox, calling api within limits.
func NewSender(db *storage.DB, api API, limits config.Limits, log *slog.Logger) *Sender {
	return &Sender{
		db: db, api: api, log: log, limits: limits,
		Clock:       dbClock{db.Now},
		maxInFlight: MaxInFlight,
		wake:        make(chan struct{}, 1),
		global:      rate.NewLimiter(rate.Limit(limits.PerSecond), globalBurst(limits.PerSecond)),
		perChat:     map[int64]*rate.Limiter{},
		pauses:      map[int64]time.Time{},
		chats:       map[int64]*chatQueue{},
		starved:     map[int64]bool{},
		win:         windowSizes{window, perChatWindow, urgentWindow},
		delivered:   map[uint64]bool{},
		ready:       [classes]chatHeap{{less: groupsThenOlder}, {less: groupsThenOlder}, {less: groupsThenOlder}},
		waiting:     chatHeap{less: sooner},
	}
}

// Notify tells the sender that the outbox has new entries.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Answer queues the answer to a pressed button; nil is nothing to answer.
// Answers are kept in memory only (they are worth something only for the
// seconds Telegram keeps the query) and go before any message: they do
// not count against a chat's limits, and the person is looking at a
// spinning button until theirs arrives.
func (s *Sender) Answer(m *storage.Message) {
	if m == nil {
		return
	}
	s.mu.Lock()
	s.answers = append(s.answers, *m)
	s.mu.Unlock()
	s.Notify()
}

// Answering returns how many answers to buttons are not sent yet.
func (s *Sender) Answering() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.answers) + s.answering
}

// Stats returns what the sender did so far.
func (s *Sender) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Run delivers until ctx ends, then waits for the calls in flight and
// stores their outcome. Outcomes are stored by a second goroutine, so that
// a commit never holds up the next calls; a delivered message leaves the
// queue in memory at once, so it is not sent twice while its outcome waits
// for the commit, however long that takes (only a crash in between sends
// it again).
func (s *Sender) Run(ctx context.Context) {
	results := make(chan outcome, s.maxInFlight)
	stored := make(chan stored, 1)
	var finished []outcome
	storing := false
	s.fresh = true
	if _, err := s.db.IndexOutbox(); err != nil {
		s.log.Error("index the outbox; it is read whole", "err", err)
	} else {
		s.windowed = true
	}
	timer := s.Clock.NewTimer(idleWait)
	defer timer.Stop()
	for {
		// After a failed commit the outcomes wait for the pause to end
		// (see the stored case); then only the commit is tried again.
		if !storing && len(finished) > 0 && (ctx.Err() != nil || !s.Clock.Now().Before(s.holdTil)) {
			batch := finished
			finished = nil
			storing = true
			go func() { stored <- s.store(batch) }()
		}
		done := ctx.Done()
		wait := time.Hour
		if ctx.Err() != nil {
			if s.open == 0 && !storing {
				return
			}
			done = nil
		} else {
			wait = s.dispatch(ctx, results)
		}
		timer.Reset(wait)
		select {
		case <-done:
		case <-s.wake:
			s.fresh = true
		case o := <-results:
			finished = s.ended(finished, o)
			for more := true; more; { // every result that is ready: one commit for all
				select {
				case o := <-results:
					finished = s.ended(finished, o)
				default:
					more = false
				}
			}
		case st := <-stored:
			storing = false
			// A commit that failed (a full disk) is tried again, after a
			// growing pause, with the outcomes it was to record: Telegram
			// is not called again for a message it accepted, and a chat
			// whose outcome waits sends nothing meanwhile. Only when the
			// sender stops is what could not be recorded given up (those
			// messages may go again after the restart).
			switch {
			case st.ok:
				s.failed = 0
				s.apply(st)
			case ctx.Err() != nil:
				s.log.Error("stopping with delivery outcomes not recorded; after the restart those messages may be sent again", "outcomes", len(st.batch))
				s.open -= len(st.batch)
			default:
				s.failed++
				s.holdTil = s.Clock.Now().Add(backoff(s.failed))
				finished = append(st.batch, finished...)
			}
			s.fresh = true // the outcomes' transaction may have written to the outbox
		case <-timer.C():
			s.fresh = true
		}
	}
}

// dispatch starts the calls that may go now and returns how long until
// another may. Answers to buttons go first; then the chats by class
// (replies, notices, rounds; see turn), and within a class group chats
// first, then the oldest.
func (s *Sender) dispatch(ctx context.Context, results chan<- outcome) time.Duration {
	if s.fresh {
		if err := s.refill(); err != nil {
			s.log.Error("read outbox", "err", err)
			return time.Second
		}
		s.fresh = false
	}
	now := s.Clock.Now()
	if d, ok := s.sendAnswers(ctx, now, results); !ok {
		return d
	}
	if d := s.holdTil.Sub(now); d > 0 {
		return d
	}
	for s.waiting.Len() > 0 && !s.waiting.chats[0].until.After(now) {
		s.place(heap.Pop(&s.waiting).(*chatQueue))
	}
	for s.running < s.maxInFlight {
		k := s.turn()
		if k < 0 {
			break
		}
		h := &s.ready[k]
		c := h.chats[0]
		m := c.items[0]
		until := m.NextAt
		if p := s.pauses[c.id]; p.After(until) {
			until = p
		}
		// Answers to buttons are not messages in the chat: Telegram
		// does not count them against the chat's limits. (They are
		// sent from memory now; an outbox written by an earlier
		// version may still hold some.)
		var chat *rate.Reservation
		if !until.After(now) && m.Method != storage.MethodAnswerCallback {
			chat = s.chatLimiter(c.id).ReserveN(now, 1)
			if d := chat.DelayFrom(now); d > 0 {
				chat.CancelAt(now)
				chat, until = nil, now.Add(d)
			}
		}
		if until.After(now) {
			heap.Pop(h)
			c.until = until
			heap.Push(&s.waiting, c)
			continue
		}
		g := s.global.ReserveN(now, 1)
		if d := g.DelayFrom(now); d > 0 {
			g.CancelAt(now)
			if chat != nil {
				chat.CancelAt(now)
			}
			return max(d, time.Millisecond)
		}
		heap.Pop(h)
		s.served(k)
		c.busy = true
		s.running++
		s.open++
		var parts []storage.Message
		if s.Digest != nil && len(c.items) > 1 && m.Digest != "" {
			if d, n := s.Digest(c.items); n > 1 {
				m, parts = d, slices.Clone(c.items[:n])
			}
		}
		go func() {
			id, err := s.api.Call(ctx, m)
			results <- outcome{msg: m, msgID: id, err: err, done: s.Clock.Now(), parts: parts}
		}()
	}
	wait := idleWait
	if s.waiting.Len() > 0 {
		wait = max(s.waiting.chats[0].until.Sub(now), time.Millisecond)
	}
	s.mu.Lock()
	for _, m := range s.answers { // waiting for their retry
		wait = min(wait, max(m.NextAt.Sub(now), s.pauses[m.ChatID].Sub(now), time.Millisecond))
	}
	s.mu.Unlock()
	return wait
}

// sendAnswers starts the calls answering buttons that may go now; false
// (with how long to wait) when the overall limit or the calls in flight
// leave nothing for the messages.
func (s *Sender) sendAnswers(ctx context.Context, now time.Time, results chan<- outcome) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	later := s.answers[:0]
	defer func() { clear(s.answers[len(later):]); s.answers = later }()
	for i, m := range s.answers {
		if m.NextAt.After(now) || s.pauses[m.ChatID].After(now) {
			later = append(later, m)
			continue
		}
		if s.running >= s.maxInFlight { // the next call to end wakes the sender
			later = append(later, s.answers[i:]...)
			return idleWait, false
		}
		g := s.global.ReserveN(now, 1)
		if d := g.DelayFrom(now); d > 0 {
			g.CancelAt(now)
			later = append(later, s.answers[i:]...)
			return max(d, time.Millisecond), false
		}
		s.running++
		s.open++
		s.answering++
		go func() {
			_, err := s.api.Call(ctx, m)
			results <- outcome{msg: m, err: err, done: s.Clock.Now()}
		}()
	}
	return 0, true
}

func (s *Sender) chatLimiter(chatID int64) *rate.Limiter {
	l, ok := s.perChat[chatID]
	if !ok {
		if chatID < 0 {
			l = rate.NewLimiter(rate.Limit(s.limits.GroupPerMinute/60), 1)
		} else {
			l = rate.NewLimiter(rate.Limit(s.limits.PerChatSecond), s.limits.PerChatBurst)
		}
		s.perChat[chatID] = l
	}
	return l
}
