package storage

import (
	"bytes"
	"encoding/binary"
	"time"
)

// The Bot API methods an outbox entry can call.
const (
	MethodSendMessage     = "sendMessage"
	MethodEditText        = "editMessageText"
	MethodEditMarkup      = "editMessageReplyMarkup"
	MethodAnswerCallback  = "answerCallbackQuery"
	MethodSendDocument    = "sendDocument"
	MethodSendPhoto       = "sendPhoto"
	maxUndeliverableNotes = 1000
)

// Button is an inline keyboard button: a callback or a link.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data,omitempty"`
	URL  string `json:"url,omitempty"`
	// WebApp opens a Mini App (private chats only).
	WebApp *WebApp `json:"web_app,omitempty"`
}

// WebApp is the Mini App a button opens: Telegram's WebAppInfo.
type WebApp struct {
	URL string `json:"url"`
}

// Document is a file to send: bytes to upload, or a Telegram file id.
type Document struct {
	Name   string `json:"name,omitempty"`
	Data   []byte `json:"data,omitempty"`
	FileID string `json:"file_id,omitempty"`
	// Path is a file to upload (a large export), removed once delivered.
	Path string `json:"path,omitempty"`
}

// Priority says which messages go first when more are due than Telegram's
// limits let through: lower first. It is decided where a message is
// enqueued and stored with it, so it holds across a restart.
type Priority int8

const (
	// PriorityReply is a reply to a person's own action: the next step of
	// a form, a receipt, the answer to a command. The person is waiting
	// for it.
	PriorityReply Priority = -1
	// PriorityNotice, the zero value, is news to someone of what another
	// person did: a new idea for a head, a decision for its author, a join
	// request. Entries written before priorities existed are taken for
	// notices: they neither overtake replies nor wait behind rounds.
	PriorityNotice Priority = 0
	// PriorityBulk is a round: reminders, digests, scheduled postings. It
	// takes the room the others leave.
	PriorityBulk Priority = 1
)

// Message is an outbox entry: one Bot API call the bot owes someone. Texts
// are HTML (user text escaped by whoever built it).
type Message struct {
	ID         uint64     `json:"id"`
	Method     string     `json:"method"`
	ChatID     int64      `json:"chat_id"`
	MessageID  int        `json:"message_id,omitempty"`
	Text       string     `json:"text,omitempty"`
	Keyboard   [][]Button `json:"keyboard,omitempty"`
	CallbackID string     `json:"callback_id,omitempty"`
	Alert      bool       `json:"alert,omitempty"`
	Document   *Document  `json:"document,omitempty"`
	// Fallback lists who gets the message instead when ChatID cannot be
	// reached (an admin approves a join when the unit's head cannot).
	Fallback []int64 `json:"fallback,omitempty"`
	// Round names the round the message is one of (a reminder sweep, the
	// notices of a new deadline): whom it cannot reach is told to the
	// admins once, when the round's last message has left the outbox.
	Round string `json:"round,omitempty"`
	// Tag names what the message is about ("idea:42"): where it lands is
	// remembered, so its buttons can be taken off once decided.
	Tag string `json:"tag,omitempty"`
	// Digest names the kind of a message that may go as a line of one
	// list with the others of its kind queued right behind it for the
	// same chat ("head.new_idea"); Line is its line there, and Lang the
	// language of the list.
	Digest    string    `json:"digest,omitempty"`
	Line      string    `json:"line,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	Priority  Priority  `json:"priority,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	Attempts  int       `json:"attempts,omitempty"`
	NextAt    time.Time `json:"next_at,omitzero"`
	LastError string    `json:"last_error,omitempty"`
}

// Enqueue writes a message to the outbox; it is sent once the transaction
// has committed. A message that names no priority gets the one the
// transaction's rule gives it (see Prioritize).
func (o Outbox) Enqueue(m Message) (uint64, error) {
	tx := o.tx
	b := tx.tx.Bucket(bucketOutbox)
	id, err := b.NextSequence()
	if err != nil {
		return 0, err
	}
	m.ID, m.CreatedAt = id, tx.now
	if m.Priority == PriorityNotice && tx.priority != nil {
		m.Priority = tx.priority(m)
	}
	if m.Round != "" {
		if err := tx.tx.Bucket(bucketRounds).Put(roundKey(m.Round, roundPending, id), nil); err != nil {
			return id, err
		}
	}
	if err := tx.indexOutbox(m); err != nil {
		return id, err
	}
	return id, putJSON(b, u64(id), m)
}

// Prioritize gives the messages this transaction enqueues from now on,
// those that name no priority of their own, the priority rule returns for
// them. Whoever opens a transaction knows best what its messages are (the
// handling of a person's update, a reminder round), so the rule is set
// once there instead of at every place a message is written.
func (ob Outbox) Prioritize(rule func(Message) Priority) { ob.tx.priority = rule }

// Pending returns up to limit outbox entries after id `after`, oldest
// first.
func (db *DB) Pending(after uint64, limit int) ([]Message, error) {
	var out []Message
	err := db.View(func(tx *Tx) error {
		c := tx.tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			var m Message
			if err := decode(bucketOutbox, k, v, &m); err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// OutboxLen returns how many messages wait to be sent, and the creation
// time of the oldest.
func (db *DB) OutboxLen() (n int, oldest time.Time, err error) {
	err = db.View(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketOutbox)
		n = b.Stats().KeyN
		if k, v := b.Cursor().First(); k != nil {
			var m Message
			if err := decode(bucketOutbox, k, v, &m); err != nil {
				return err
			}
			oldest = m.CreatedAt
		}
		return nil
	})
	return n, oldest, err
}

// MarkSent removes delivered messages, as read from the outbox, from it.
func (s Sending) MarkSent(ms ...Message) error {
	tx := s.tx
	for _, m := range ms {
		if err := tx.removeOutbox(m); err != nil {
			return err
		}
	}
	return nil
}

// Put rewrites an outbox entry (its attempts and next try).
func (s Sending) Put(m Message) error {
	tx := s.tx
	b := tx.tx.Bucket(bucketOutbox)
	if b.Get(u64(m.ID)) == nil {
		return nil // already sent or set aside
	}
	return putJSON(b, u64(m.ID), m)
}

// SetAside moves a message Telegram refused for good out of the outbox,
// keeping it (the newest ones) for the admins to see.
func (s Sending) SetAside(m Message, reason string) error {
	tx := s.tx
	m.LastError = reason
	if err := tx.removeOutbox(m); err != nil {
		return err
	}
	b := tx.tx.Bucket(bucketUndelivered)
	if err := putJSON(b, u64(m.ID), m); err != nil {
		return err
	}
	if n := b.Stats().KeyN; n > maxUndeliverableNotes {
		c := b.Cursor()
		for k, _ := c.First(); k != nil && n > maxUndeliverableNotes; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
			n--
		}
	}
	return nil
}

// Undeliverable returns the messages set aside, newest first.
func (o Outbox) Undeliverable(limit int) ([]Message, error) {
	tx := o.tx
	var out []Message
	c := tx.tx.Bucket(bucketUndelivered).Cursor()
	for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
		var m Message
		if err := decode(bucketUndelivered, k, v, &m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// MarkUnreachable records that a user cannot be reached, and reports
// whether this is news (so admins are told once per person).
func (o Outbox) MarkUnreachable(userID int64) (bool, error) {
	tx := o.tx
	b := tx.tx.Bucket(bucketUnreachable)
	key := u64(uint64(userID))
	if b.Get(key) != nil {
		return false, nil
	}
	v := make([]byte, 8)
	binary.BigEndian.PutUint64(v, uint64(tx.now.Unix()))
	return true, b.Put(key, v)
}

// clearUnreachable forgets that a user could not be reached (they wrote
// to the bot since).
func (tx *Tx) clearUnreachable(userID int64) error {
	b := tx.tx.Bucket(bucketUnreachable)
	key := u64(uint64(userID))
	if b.Get(key) == nil {
		return nil
	}
	return b.Delete(key)
}

// SentMessage is where a tagged message landed: its chat and message id.
type SentMessage struct {
	ChatID    int64 `json:"chat_id"`
	MessageID int   `json:"message_id"`
}

// RecordSent remembers where a message with a tag landed, so a later
// change can take its buttons off (one decision per review card).
func (o Outbox) RecordSent(tag string, chatID int64, messageID int) error {
	tx := o.tx
	key := append(append([]byte(tag), 0), u64(uint64(chatID))...)
	return putJSON(tx.tx.Bucket(bucketTagged), append(key, u64(uint64(messageID))...), SentMessage{ChatID: chatID, MessageID: messageID})
}

// Tagged returns where the messages with a tag landed, to edit them.
func (o Outbox) Tagged(tag string) ([]SentMessage, error) {
	tx := o.tx
	prefix := append([]byte(tag), 0)
	c := tx.tx.Bucket(bucketTagged).Cursor()
	var out []SentMessage
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var s SentMessage
		if err := decode(bucketTagged, k, v, &s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// TakeTagged returns and forgets where the messages with a tag landed.
func (o Outbox) TakeTagged(tag string) ([]SentMessage, error) {
	tx := o.tx
	prefix := append([]byte(tag), 0)
	c := tx.tx.Bucket(bucketTagged).Cursor()
	var out []SentMessage
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Seek(prefix) {
		var s SentMessage
		if err := decode(bucketTagged, k, v, &s); err != nil {
			return nil, err
		}
		out = append(out, s)
		if err := c.Delete(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
