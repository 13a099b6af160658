package bot

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// Sender delivers the outbox: in order within each chat, within Telegram's
// limits (overall, per chat, per group), honouring retry_after, retrying
// transient failures with backoff and setting aside, never dropping, what
// Telegram refuses for good. A message leaves the outbox only after
// Telegram accepted it.
type Sender struct {
	db     *storage.DB
	client *tg.Bot
	log    *slog.Logger
	limits config.Limits

	// Undeliverable is called, in the transaction that sets a message
	// aside, when Telegram refuses it for good.
	Undeliverable func(tx *storage.Tx, m storage.Message, reason string) error

	// MaxInFlight bounds the calls waiting for Telegram at once.
	MaxInFlight int

	// Now is the clock of retry times, pauses and limits; tests move it.
	Now func() time.Time

	wake    chan struct{}
	chats   map[int64]*chatQueue // the chats with undelivered entries
	groups  chatHeap             // chats whose next entry may go, oldest first: group chats
	private chatHeap             // … and the others
	waiting chatHeap             // chats whose next entry must wait, soonest first
	lastID  uint64               // the newest entry read from the outbox
	running int                  // calls not ended
	open    int                  // entries in flight or whose outcome is not stored yet
	fresh   bool                 // the outbox may have entries not read yet
	failed  int                  // commits of outcomes failed in a row
	holdTil time.Time            // after a failed commit: no message before
	global  *rate.Limiter
	perChat map[int64]*rate.Limiter
	pauses  map[int64]time.Time // chat → no request before (retry_after)

	mu        sync.Mutex
	stats     SenderStats
	answers   []storage.Message // answers to buttons, not in the outbox: they go first
	answering int               // answers taken from answers and not ended
}

// SenderStats counts what the sender did.
type SenderStats struct {
	Sent, RateLimited, Retried, SetAside int
}

// maxInFlight is the sender's default bound on calls waiting for Telegram.
const maxInFlight = 32

// globalBurst is how many calls may go at once under the overall limit:
// 10 ms worth, at least one (one at Telegram's 30 a second).
func globalBurst(perSecond float64) int { return max(1, int(perSecond/100)) }

// NewSender makes a sender for db's outbox with the given limits.
func NewSender(db *storage.DB, client *tg.Bot, limits config.Limits, log *slog.Logger) *Sender {
	return &Sender{
		db: db, client: client, log: log, limits: limits,
		MaxInFlight: maxInFlight,
		Now:         time.Now,
		wake:        make(chan struct{}, 1),
		global:      rate.NewLimiter(rate.Limit(limits.PerSecond), globalBurst(limits.PerSecond)),
		perChat:     map[int64]*rate.Limiter{},
		pauses:      map[int64]time.Time{},
		chats:       map[int64]*chatQueue{},
		groups:      chatHeap{less: olderHead},
		private:     chatHeap{less: olderHead},
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
// Answers are kept in memory only (see Ctx.Answer) and go before any
// message: they do not count against a chat's limits, and the person is
// looking at a spinning button until theirs arrives.
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
func (s *Sender) Stats() SenderStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

type outcome struct {
	msg   storage.Message
	msgID int // of the message Telegram made, for tagged messages
	err   error
	done  time.Time
	early bool // delivered, and gone from the queue before its outcome was stored
	// parts are the queued entries msg stands for when it is a digest of
	// several; nil when msg is one entry.
	parts []storage.Message
}

// entries returns the outbox entries an outcome is about (len(o.parts),
// or one).
func (o outcome) entries() []storage.Message {
	if o.parts != nil {
		return o.parts
	}
	return []storage.Message{o.msg}
}

// Run delivers until ctx ends, then waits for the calls in flight and
// stores their outcome. Outcomes are stored by a second goroutine, so that
// a commit never holds up the next calls; a delivered message leaves the
// queue in memory at once, so it is not sent twice while its outcome waits
// for the commit (only a crash in between sends it again).
func (s *Sender) Run(ctx context.Context) {
	results := make(chan outcome, s.MaxInFlight)
	stored := make(chan stored, 1)
	var finished []outcome
	storing := false
	s.fresh = true
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		if !storing && len(finished) > 0 {
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
			s.apply(st)
			// A commit that failed (a full disk) leaves what it was about
			// to be tried again: not at once and for ever, each time
			// sending again what was delivered, but after a growing pause.
			if st.ok {
				s.failed = 0
			} else {
				s.failed++
				s.holdTil = s.Now().Add(backoff(s.failed))
			}
			s.fresh = true // the outcomes' transaction may have written to the outbox
		case <-timer.C:
			s.fresh = true
		}
	}
}

// chatQueue is one chat's undelivered outbox entries, oldest first: the
// first goes, and the next only once Telegram has accepted it (or its
// failure is stored, with when to try again).
type chatQueue struct {
	id    int64
	items []storage.Message
	busy  bool      // items[0] is in flight, or its failure not stored yet
	until time.Time // while waiting: when items[0] may go
	heap  *chatHeap // the heap holding the chat, if any
	index int       // its place there
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

func olderHead(a, b *chatQueue) bool { return a.items[0].ID < b.items[0].ID }
func sooner(a, b *chatQueue) bool    { return a.until.Before(b.until) }

// ready puts a chat whose first entry may be tried among the ready ones.
func (s *Sender) ready(c *chatQueue) {
	if c.busy || c.heap != nil || len(c.items) == 0 {
		return
	}
	if c.id < 0 {
		heap.Push(&s.groups, c)
	} else {
		heap.Push(&s.private, c)
	}
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
		c := s.chats[m.ChatID]
		if c == nil {
			c = &chatQueue{id: m.ChatID}
			s.chats[m.ChatID] = c
		}
		c.items = append(c.items, m)
		s.ready(c)
		s.lastID = m.ID
	}
	return nil
}

// dispatch starts the calls that may go now and returns how long until
// another may. Group chats go first: their limit (20 a minute) is the
// tightest, so their few messages go as soon as they may instead of after
// every private one queued before them. Then the rest, oldest first.
func (s *Sender) dispatch(ctx context.Context, results chan<- outcome) time.Duration {
	if s.fresh {
		if err := s.refill(); err != nil {
			s.log.Error("read outbox", "err", err)
			return time.Second
		}
		s.fresh = false
	}
	now := s.Now()
	if d, ok := s.sendAnswers(ctx, now, results); !ok {
		return d
	}
	if d := s.holdTil.Sub(now); d > 0 {
		return d
	}
	for s.waiting.Len() > 0 && !s.waiting.chats[0].until.After(now) {
		s.ready(heap.Pop(&s.waiting).(*chatQueue))
	}
	for _, h := range []*chatHeap{&s.groups, &s.private} {
		for h.Len() > 0 && s.running < s.MaxInFlight {
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
			c.busy = true
			s.running++
			s.open++
			var parts []storage.Message
			if d, n := digest(c.items); n > 1 {
				m, parts = d, slices.Clone(c.items[:n])
			}
			go func() {
				id, err := s.call(ctx, m)
				results <- outcome{msg: m, msgID: id, err: err, done: s.Now(), parts: parts}
			}()
		}
	}
	wait := time.Minute
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
		if s.running >= s.MaxInFlight { // the next call to end wakes the sender
			later = append(later, s.answers[i:]...)
			return time.Minute, false
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
			_, err := s.call(ctx, m)
			results <- outcome{msg: m, err: err, done: s.Now()}
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

// stored is what storing a batch of outcomes decided.
type stored struct {
	batch   []outcome
	ok      bool
	gone    []uint64
	retry   []storage.Message
	pauses  map[int64]time.Time
	counted SenderStats
}

// store writes the outcome of finished calls in one transaction: sent
// messages leave the outbox, refused ones are set aside, others wait for
// their retry.
func (s *Sender) store(done []outcome) stored {
	var st stored
	// Batch: the commit is shared with the updates being taken meanwhile.
	err := s.db.Batch(func(tx *storage.Tx) error {
		st = stored{batch: done, pauses: map[int64]time.Time{}}
		for _, o := range done {
			m := o.msg
			var tooMany *tg.TooManyRequestsError
			switch {
			case o.err == nil || isNotModified(o.err):
				for _, e := range o.entries() {
					if err := tx.MarkSent(e.ID); err != nil {
						return err
					}
					st.gone = append(st.gone, e.ID)
				}
				if m.Tag != "" && len(m.Keyboard) > 0 && o.msgID != 0 {
					if err := tx.RecordSent(m.Tag, m.ChatID, o.msgID); err != nil {
						return err
					}
				}
				st.counted.Sent++
			case errors.As(o.err, &tooMany):
				st.pauses[m.ChatID] = o.done.Add(time.Duration(tooMany.RetryAfter)*time.Second + 50*time.Millisecond)
				st.counted.RateLimited++
			case isPermanent(o.err, m):
				reason := o.err.Error()
				for _, e := range o.entries() {
					if err := tx.SetAside(e, reason); err != nil {
						return err
					}
					st.gone = append(st.gone, e.ID)
					if s.Undeliverable != nil {
						if err := s.Undeliverable(tx, e, reason); err != nil {
							return err
						}
					}
					st.counted.SetAside++
				}
			default:
				// The first entry carries the retry; a digest is made
				// again, of what is queued then, when it goes.
				e := o.entries()[0]
				e.Attempts++
				e.LastError = o.err.Error()
				e.NextAt = o.done.Add(backoff(e.Attempts))
				if err := tx.PutOutbox(e); err != nil {
					return err
				}
				st.retry = append(st.retry, e)
				st.counted.Retried++
			}
		}
		return nil
	})
	st.batch = done
	if err != nil {
		s.log.Error("store delivery outcome; the messages will be tried again", "err", err)
		return st
	}
	st.ok = true
	for _, o := range done {
		if d := o.msg.Document; d != nil && d.Path != "" && slices.Contains(st.gone, o.msg.ID) {
			os.Remove(d.Path) // delivered or refused for good: the export file is done with
		}
	}
	for _, o := range done {
		if o.err != nil && !isNotModified(o.err) {
			s.log.Warn("delivery failed", "method", o.msg.Method, "chat", o.msg.ChatID, "attempt", o.msg.Attempts+1, "err", o.err.Error())
		}
	}
	return st
}

// ended notes that a call ended, and returns finished with the outcomes
// to store. A message Telegram accepted leaves its chat's queue at once
// and the chat's next message may go (the chat's order is kept: Telegram
// has the earlier one); any other outcome holds the chat until it is
// stored, with the retry time or the refusal it brings.
func (s *Sender) ended(finished []outcome, o outcome) []outcome {
	s.running--
	if o.msg.Method == storage.MethodAnswerCallback {
		s.answered(o)
		return finished
	}
	if o.err != nil && !isNotModified(o.err) {
		return append(finished, o)
	}
	c := s.chats[o.msg.ChatID]
	n := max(1, len(o.parts))
	clear(c.items[:n])
	c.items = c.items[n:]
	c.busy = false
	o.early = true
	if len(c.items) == 0 {
		delete(s.chats, c.id)
	} else {
		s.ready(c)
	}
	return append(finished, o)
}

// answered notes how an answer to a button went: a failure that may pass
// is tried again, a few times, while the answer can still matter.
func (s *Sender) answered(o outcome) {
	s.open--
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answering--
	var tooMany *tg.TooManyRequestsError
	switch {
	case o.err == nil:
		s.stats.Sent++
		return
	case errors.As(o.err, &tooMany):
		s.stats.RateLimited++
		o.msg.NextAt = o.done.Add(time.Duration(tooMany.RetryAfter)*time.Second + 50*time.Millisecond)
	case isPermanent(o.err, o.msg) || o.msg.Attempts >= 2:
		s.stats.SetAside++
		s.log.Warn("button not answered", "chat", o.msg.ChatID, "err", o.err.Error())
		return
	default:
		s.stats.Retried++
		o.msg.NextAt = o.done.Add(backoff(o.msg.Attempts + 1))
	}
	o.msg.Attempts++
	s.answers = append(s.answers, o.msg)
}

// apply brings the queues in step with what was stored: a refused entry
// leaves its chat's queue, a retried one stays first with its new time,
// and the chat's next entry may go. When the store failed, every entry
// is tried again as it was: a delivered one goes back where it was, and
// will be delivered once more.
func (s *Sender) apply(st stored) {
	for _, o := range st.batch {
		s.open--
		if o.early {
			if !st.ok {
				for _, e := range o.entries() {
					s.putBack(e)
				}
			}
			continue
		}
		c := s.chats[o.msg.ChatID]
		c.busy = false
		switch {
		case !st.ok: // not stored: tried again as it was
		case slices.Contains(st.gone, o.msg.ID):
			n := max(1, len(o.parts))
			clear(c.items[:n])
			c.items = c.items[n:]
		default:
			if i := slices.IndexFunc(st.retry, func(m storage.Message) bool { return m.ID == o.msg.ID }); i >= 0 {
				c.items[0] = st.retry[i]
			}
		}
		if len(c.items) == 0 {
			delete(s.chats, c.id)
			continue
		}
		s.ready(c)
	}
	if !st.ok {
		return
	}
	now := s.Now()
	for chat, until := range s.pauses {
		if until.Before(now) {
			delete(s.pauses, chat)
		}
	}
	for chat, until := range st.pauses {
		s.pauses[chat] = until
	}
	s.mu.Lock()
	s.stats.Sent += st.counted.Sent
	s.stats.Retried += st.counted.Retried
	s.stats.SetAside += st.counted.SetAside
	s.stats.RateLimited += st.counted.RateLimited
	s.mu.Unlock()
}

// digestLimit bounds a digest's text, in characters, below Telegram's
// 4,096.
const digestLimit = 3500

// digest makes one message of the entries at the head of a chat's queue
// that may go together (the same Digest kind and language; see
// storage.Message.Digest), and returns it with how many it stands for:
// fewer than two means the first goes as it is. A head whose staff
// submit twenty ideas in a minute gets one list, not twenty cards spaced
// a second apart.
func digest(items []storage.Message) (storage.Message, int) {
	first := items[0]
	if first.Digest == "" {
		return first, 1
	}
	head := T(first.Lang, first.Digest+".digest", 0)
	end := T(first.Lang, first.Digest+".digest_end")
	size := utf8.RuneCountInString(head) + utf8.RuneCountInString(end) + 8
	n := 0
	for _, e := range items {
		if e.Digest != first.Digest || e.Lang != first.Lang || e.Method != first.Method {
			break
		}
		if size += utf8.RuneCountInString(e.Line); size > digestLimit && n > 0 {
			break
		}
		n++
	}
	if n < 2 {
		return first, 1
	}
	var text strings.Builder
	text.WriteString(T(first.Lang, first.Digest+".digest", n))
	for _, e := range items[:n] {
		text.WriteString(e.Line)
	}
	text.WriteString(end)
	return storage.Message{ID: first.ID, Method: storage.MethodSendMessage, ChatID: first.ChatID, Text: text.String(), CreatedAt: first.CreatedAt}, n
}

// putBack returns a delivered message whose outcome could not be stored
// to its place in its chat's queue.
func (s *Sender) putBack(m storage.Message) {
	c := s.chats[m.ChatID]
	if c == nil {
		c = &chatQueue{id: m.ChatID}
		s.chats[m.ChatID] = c
	}
	i, _ := slices.BinarySearchFunc(c.items, m.ID, func(q storage.Message, id uint64) int { return cmp.Compare(q.ID, id) })
	if c.busy && i == 0 {
		i = 1 // behind the one in flight
	}
	c.items = slices.Insert(c.items, i, m)
	if c.heap != nil {
		heap.Fix(c.heap, c.index)
	}
	s.ready(c)
}

// backoff is the wait before the n-th retry of a transient failure.
func backoff(n int) time.Duration {
	d := time.Second << min(n-1, 8)
	return min(d, 5*time.Minute)
}

func isNotModified(err error) bool {
	return err != nil && strings.Contains(err.Error(), "message is not modified")
}

// isPermanent tells refusals that no retry will change: the user never
// started the bot or blocked it (403), or the chat or message is gone or
// the request itself is wrong (400).
func isPermanent(err error, m storage.Message) bool {
	if errors.Is(err, tg.ErrorForbidden) || errors.Is(err, tg.ErrorBadRequest) {
		return true
	}
	// An answer to a button is worthless once Telegram forgot the query.
	return m.Method == storage.MethodAnswerCallback && strings.Contains(err.Error(), "query is too old")
}

// inlineKeyboard is the bot's own keyboard type: go-telegram/bot's button
// type sends an empty copy_text object, which Telegram refuses.
type inlineKeyboard struct {
	InlineKeyboard [][]storage.Button `json:"inline_keyboard"`
}

func markup(kb [][]storage.Button) models.ReplyMarkup {
	if len(kb) == 0 {
		return nil
	}
	return inlineKeyboard{InlineKeyboard: kb}
}

// call makes the Bot API call an outbox entry stands for, and returns the
// id of the message it made, if any.
func (s *Sender) call(ctx context.Context, m storage.Message) (int, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	var sent *models.Message
	var err error
	switch m.Method {
	case storage.MethodSendMessage:
		sent, err = s.client.SendMessage(ctx, &tg.SendMessageParams{
			ChatID: m.ChatID, Text: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard),
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
		})
	case storage.MethodEditText:
		_, err = s.client.EditMessageText(ctx, &tg.EditMessageTextParams{
			ChatID: m.ChatID, MessageID: m.MessageID, Text: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard),
		})
	case storage.MethodEditMarkup:
		_, err = s.client.EditMessageReplyMarkup(ctx, &tg.EditMessageReplyMarkupParams{
			ChatID: m.ChatID, MessageID: m.MessageID, ReplyMarkup: markup(m.Keyboard),
		})
	case storage.MethodAnswerCallback:
		_, err = s.client.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{
			CallbackQueryID: m.CallbackID, Text: m.Text, ShowAlert: m.Alert,
		})
	case storage.MethodSendDocument, storage.MethodSendPhoto:
		var file models.InputFile
		switch {
		case m.Document.FileID != "":
			file = &models.InputFileString{Data: m.Document.FileID}
		case m.Document.Path != "":
			f, err := os.Open(m.Document.Path)
			if err != nil {
				return 0, fmt.Errorf("%w: %v", tg.ErrorBadRequest, err) // the file is gone: no retry helps
			}
			defer f.Close()
			file = &models.InputFileUpload{Filename: m.Document.Name, Data: f}
		default:
			file = &models.InputFileUpload{Filename: m.Document.Name, Data: bytes.NewReader(m.Document.Data)}
		}
		if m.Method == storage.MethodSendPhoto {
			sent, err = s.client.SendPhoto(ctx, &tg.SendPhotoParams{ChatID: m.ChatID, Photo: file, Caption: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard)})
		} else {
			sent, err = s.client.SendDocument(ctx, &tg.SendDocumentParams{ChatID: m.ChatID, Document: file, Caption: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard)})
		}
	default:
		err = errors.New("unknown outbox method " + m.Method)
	}
	if sent != nil {
		return sent.ID, err
	}
	return 0, err
}
