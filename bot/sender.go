package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

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

	wake    chan struct{}
	queue   []*queued          // the outbox as read so far, oldest first
	byID    map[uint64]*queued // the entries of queue not yet gone
	goneN   int                // entries of queue that are gone
	lastID  uint64             // the newest entry read into queue
	global  *rate.Limiter
	perChat map[int64]*rate.Limiter
	pauses  map[int64]time.Time // chat → no request before (retry_after)

	mu    sync.Mutex
	stats SenderStats
}

// SenderStats counts what the sender did.
type SenderStats struct {
	Sent, RateLimited, Retried, SetAside int
}

// NewSender makes a sender for db's outbox with the given limits.
func NewSender(db *storage.DB, client *tg.Bot, limits config.Limits, log *slog.Logger) *Sender {
	return &Sender{
		db: db, client: client, log: log, limits: limits,
		MaxInFlight: 32,
		wake:        make(chan struct{}, 1),
		global:      rate.NewLimiter(rate.Limit(limits.PerSecond), 1),
		perChat:     map[int64]*rate.Limiter{},
		byID:        map[uint64]*queued{},
		pauses:      map[int64]time.Time{},
	}
}

// Notify tells the sender that the outbox has new entries.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
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
}

// Run delivers until ctx ends, then waits for the calls in flight and
// stores their outcome. Outcomes are stored by a second goroutine, so that
// a commit never holds up the next calls; a message stays in flight until
// its outcome is stored, and is never sent twice meanwhile.
func (s *Sender) Run(ctx context.Context) {
	results := make(chan outcome, s.MaxInFlight)
	stored := make(chan stored, 1)
	// inFlight holds the messages whose call has not ended or whose outcome
	// is not stored yet; running counts the calls not ended, which alone
	// count against MaxInFlight.
	inFlight := map[uint64]bool{}
	running := 0
	busy := map[int64]bool{} // chats with a message in flight: the next waits
	var finished []outcome
	storing := false
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
			if len(inFlight) == 0 && !storing {
				return
			}
			done = nil
		} else {
			wait = s.dispatch(ctx, inFlight, busy, &running, results)
		}
		timer.Reset(wait)
		select {
		case <-done:
		case <-s.wake:
		case o := <-results:
			finished = append(finished, o)
			running--
			for more := true; more; { // every result that is ready: one commit for all
				select {
				case o := <-results:
					finished = append(finished, o)
					running--
				default:
					more = false
				}
			}
		case st := <-stored:
			storing = false
			s.apply(st)
			for _, o := range st.batch {
				delete(inFlight, o.msg.ID)
				delete(busy, o.msg.ChatID)
			}
		case <-timer.C:
		}
	}
}

// queued is an outbox entry the sender holds in memory.
type queued struct {
	storage.Message
	gone bool // sent or set aside: skipped, and dropped at the next compaction
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
		q := &queued{Message: m}
		s.queue = append(s.queue, q)
		s.byID[m.ID] = q
		s.lastID = m.ID
	}
	return nil
}

// maxScan bounds how far into the queue one dispatch looks.
const maxScan = 4096

// dispatch starts the calls that may go now and returns how long until
// another may.
func (s *Sender) dispatch(ctx context.Context, inFlight map[uint64]bool, busy map[int64]bool, running *int, results chan<- outcome) time.Duration {
	const idle = time.Minute
	if err := s.refill(); err != nil {
		s.log.Error("read outbox", "err", err)
		return time.Second
	}
	now := time.Now()
	wait := idle
	soon := func(d time.Duration) {
		if d < wait {
			wait = max(d, time.Millisecond)
		}
	}
	held := map[int64]bool{} // chats whose earlier message waits: later ones wait too
	// try starts m's call if it may go now; false means nothing more can
	// go before wait (the overall limit is reached).
	try := func(m *storage.Message) bool {
		if inFlight[m.ID] || busy[m.ChatID] || held[m.ChatID] {
			return true // the chat's earlier message goes (or waits) first
		}
		if d := m.NextAt.Sub(now); d > 0 {
			held[m.ChatID] = true
			soon(d)
			return true
		}
		if d := s.pauses[m.ChatID].Sub(now); d > 0 {
			held[m.ChatID] = true
			soon(d)
			return true
		}
		// Answers to buttons are not messages in the chat: Telegram does
		// not count them against the chat's limits.
		var chat *rate.Reservation
		if m.Method != storage.MethodAnswerCallback {
			chat = s.chatLimiter(m.ChatID).ReserveN(now, 1)
			if d := chat.DelayFrom(now); d > 0 {
				chat.CancelAt(now)
				held[m.ChatID] = true
				soon(d)
				return true
			}
		}
		g := s.global.ReserveN(now, 1)
		if d := g.DelayFrom(now); d > 0 {
			g.CancelAt(now)
			if chat != nil {
				chat.CancelAt(now)
			}
			soon(d)
			return false
		}
		inFlight[m.ID], busy[m.ChatID] = true, true
		*running++
		msg := *m
		go func() {
			id, err := s.call(ctx, msg)
			results <- outcome{msg: msg, msgID: id, err: err, done: time.Now()}
		}()
		return true
	}
	// Groups first: their limit (20 a minute) is the tightest, so their
	// few messages go as soon as they may instead of after every private
	// one queued before them. Then the rest, oldest first.
	for _, groups := range []bool{true, false} {
		scanned := 0
		for _, q := range s.queue {
			if q.gone || (q.ChatID < 0) != groups {
				continue
			}
			if scanned++; scanned > maxScan || *running >= s.MaxInFlight {
				break
			}
			if !try(&q.Message) {
				return wait
			}
		}
	}
	return wait
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
				if err := tx.MarkSent(m.ID); err != nil {
					return err
				}
				st.gone = append(st.gone, m.ID)
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
				if err := tx.SetAside(m, reason); err != nil {
					return err
				}
				st.gone = append(st.gone, m.ID)
				if s.Undeliverable != nil {
					if err := s.Undeliverable(tx, m, reason); err != nil {
						return err
					}
				}
				st.counted.SetAside++
			default:
				m.Attempts++
				m.LastError = o.err.Error()
				m.NextAt = o.done.Add(backoff(m.Attempts))
				if err := tx.PutOutbox(m); err != nil {
					return err
				}
				st.retry = append(st.retry, m)
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

// apply brings the queue in step with what was stored.
func (s *Sender) apply(st stored) {
	if !st.ok {
		return
	}
	for chat, until := range st.pauses {
		s.pauses[chat] = until
	}
	for _, id := range st.gone {
		if q := s.byID[id]; q != nil {
			q.gone = true
			delete(s.byID, id)
			s.goneN++
		}
	}
	for _, m := range st.retry {
		if q := s.byID[m.ID]; q != nil {
			q.Message = m
		}
	}
	if s.goneN > 256 && s.goneN > len(s.queue)/2 {
		kept := s.queue[:0]
		for _, q := range s.queue {
			if !q.gone {
				kept = append(kept, q)
			}
		}
		clear(s.queue[len(kept):])
		s.queue, s.goneN = kept, 0
	}
	s.mu.Lock()
	s.stats.Sent += st.counted.Sent
	s.stats.Retried += st.counted.Retried
	s.stats.SetAside += st.counted.SetAside
	s.stats.RateLimited += st.counted.RateLimited
	s.mu.Unlock()
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
