package delivery

import (
	"errors"
	"os"
	"slices"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"

	"thiduabot/storage"
)

// outcome is how a call went.
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

// entries returns the outbox entries an outcome is about (o.parts, or
// the one message).
func (o outcome) entries() []storage.Message {
	if o.parts != nil {
		return o.parts
	}
	return []storage.Message{o.msg}
}

// stored is what storing a batch of outcomes decided.
type stored struct {
	batch   []outcome
	ok      bool
	gone    []uint64
	retry   []storage.Message
	pauses  map[int64]time.Time
	counted Stats
}

// retryAfterMargin is added to Telegram's retry_after: a call exactly on
// time may still find the chat's limit spent.
const retryAfterMargin = 50 * time.Millisecond

// store writes the outcome of finished calls in one transaction: sent
// messages leave the outbox, refused ones are set aside, others wait for
// their retry.
func (s *Sender) store(done []outcome) stored {
	var st stored
	// Batch: the commit is shared with the updates being taken meanwhile.
	err := s.db.Batch(func(tx *storage.Tx) error {
		st = stored{batch: done, pauses: map[int64]time.Time{}}
		var left []storage.Message
		for _, o := range done {
			m := o.msg
			var tooMany *tg.TooManyRequestsError
			switch {
			case o.err == nil || isNotModified(o.err):
				for _, e := range o.entries() {
					if err := tx.Sending().MarkSent(e); err != nil {
						return err
					}
					st.gone = append(st.gone, e.ID)
					left = append(left, e)
				}
				if m.Tag != "" && m.Method == storage.MethodSendMessage && o.msgID != 0 {
					if err := tx.Outbox().RecordSent(m.Tag, m.ChatID, o.msgID); err != nil {
						return err
					}
				}
				st.counted.Sent++
			case errors.As(o.err, &tooMany):
				st.pauses[m.ChatID] = o.done.Add(time.Duration(tooMany.RetryAfter)*time.Second + retryAfterMargin)
				st.counted.RateLimited++
			case isPermanent(o.err, m):
				reason := o.err.Error()
				for _, e := range o.entries() {
					if err := tx.Sending().SetAside(e, reason); err != nil {
						return err
					}
					st.gone = append(st.gone, e.ID)
					left = append(left, e)
					if s.Undeliverable != nil {
						if err := s.Undeliverable(tx, e, reason); err != nil {
							return err
						}
					}
					st.counted.SetAside++
				}
			case deadLetterKind(o.err, m) != "":
				kind, reason := deadLetterKind(o.err, m), o.err.Error()
				for _, e := range o.entries() {
					if err := tx.Sending().DeadLetter(e, reason); err != nil {
						return err
					}
					st.gone = append(st.gone, e.ID)
					left = append(left, e)
					if s.DeadLettered != nil {
						if err := s.DeadLettered(tx, e, kind, reason); err != nil {
							return err
						}
					}
					st.counted.DeadLettered++
				}
			default:
				// The first entry carries the retry; a digest is made
				// again, of what is queued then, when it goes.
				e := o.entries()[0]
				e.Attempts++
				e.LastError = o.err.Error()
				e.NextAt = o.done.Add(backoff(e.Attempts))
				if err := tx.Sending().Put(e); err != nil {
					return err
				}
				st.retry = append(st.retry, e)
				st.counted.Retried++
			}
		}
		if s.Left != nil && len(left) > 0 {
			return s.Left(tx, left)
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
	s.drop(c, max(1, len(o.parts)))
	c.busy = false
	o.early = true
	for _, e := range o.entries() {
		s.delivered[e.ID] = true // not read again until its outcome is stored
	}
	if len(c.items) == 0 {
		s.emptied(c)
	} else {
		s.place(c)
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
		o.msg.NextAt = o.done.Add(time.Duration(tooMany.RetryAfter)*time.Second + retryAfterMargin)
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
// and the chat's next entry may go. A delivered one left its queue when
// its call ended (see ended). It is called only for a commit that worked:
// one that failed is tried again with the same outcomes (see Run).
func (s *Sender) apply(st stored) {
	for _, o := range st.batch {
		s.open--
		if o.early {
			for _, e := range o.entries() {
				delete(s.delivered, e.ID)
			}
			continue
		}
		c := s.chats[o.msg.ChatID]
		c.busy = false
		switch {
		case slices.Contains(st.gone, o.msg.ID):
			s.drop(c, max(1, len(o.parts)))
		default:
			if i := slices.IndexFunc(st.retry, func(m storage.Message) bool { return m.ID == o.msg.ID }); i >= 0 {
				c.items[0] = st.retry[i]
			}
		}
		if len(c.items) == 0 {
			s.emptied(c)
			continue
		}
		s.place(c)
	}
	now := s.Clock.Now()
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
	s.stats.DeadLettered += st.counted.DeadLettered
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
