package storage

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"time"
)

// Round is a batch of messages sent at once to many people: the reminders
// of a sweep, the notices of a new deadline. Telegram refuses some of them
// (the person never opened the bot, or blocked it); rather than a warning
// to the admins for each, the round keeps whom it missed, and once its last
// message has left the outbox (delivered or refused) the bot tells the
// admins once (RoundLeft).
type Round struct {
	Key      string         `json:"key"`
	Kind     string         `json:"kind"`               // what its messages are, in the bot's words
	About    []RoundSubject `json:"about,omitempty"`    // what they were about
	Headless []string       `json:"headless,omitempty"` // units whose message went to no one: they have no head
	Missed   []int64        `json:"missed,omitempty"`   // whom Telegram refused them (filled in by RoundLeft)
}

// RoundSubject is a deadline a round was about.
type RoundSubject struct {
	Name string    `json:"name"`
	Due  time.Time `json:"due"`
}

// AddSubject adds what a message of the round is about, once.
func (r *Round) AddSubject(name string, due time.Time) {
	for _, s := range r.About {
		if s.Name == name && s.Due.Equal(due) {
			return
		}
	}
	r.About = append(r.About, RoundSubject{name, due})
}

// AddHeadless notes a unit the round reached no one in, once.
func (r *Round) AddHeadless(unit string) {
	for _, u := range r.Headless {
		if u == unit {
			return
		}
	}
	r.Headless = append(r.Headless, unit)
}

// The parts of a round in its bucket, under its key: what it is, the
// messages still in the outbox, whom it missed.
const (
	roundMeta    = 'm'
	roundPending = 'p'
	roundMissed  = 'x'
)

// roundPart is the prefix of a part of a round; roundKey the key of one
// of its entries (the meta has no id).
func roundPart(round string, part byte) []byte { return append([]byte(round), 0, part) }

func roundKey(round string, part byte, id uint64) []byte {
	if part == roundMeta {
		return roundPart(round, part)
	}
	return append(roundPart(round, part), u64(id)...)
}

// NewRound begins a round of kind: messages enqueued with its key belong
// to it. It is stored by PutRound once its messages are written.
func (rs Reminders) NewRound(kind string) (Round, error) {
	tx := rs.tx
	seq, err := tx.tx.Bucket(bucketRounds).NextSequence()
	return Round{Key: "r" + strconv.FormatUint(seq, 10), Kind: kind}, err
}

// PutRound stores what a round is, once its messages are written.
func (rs Reminders) PutRound(r Round) error {
	tx := rs.tx
	return putJSON(tx.tx.Bucket(bucketRounds), roundKey(r.Key, roundMeta, 0), r)
}

// RoundMissed records that a message of the round could not reach userID.
func (rs Reminders) RoundMissed(round string, userID int64) error {
	tx := rs.tx
	return tx.tx.Bucket(bucketRounds).Put(roundKey(round, roundMissed, uint64(userID)), nil)
}

// RoundLeft notes that outbox entry id of the round has left the outbox
// (0: none, to end a round nothing was sent in). When it was the round's
// last, the round ends: it is returned with whom it missed, and forgotten.
func (rs Reminders) RoundLeft(round string, id uint64) (Round, bool, error) {
	tx := rs.tx
	b := tx.tx.Bucket(bucketRounds)
	if id != 0 {
		if err := b.Delete(roundKey(round, roundPending, id)); err != nil {
			return Round{}, false, err
		}
	}
	c := b.Cursor()
	pending := roundPart(round, roundPending)
	if k, _ := c.Seek(pending); k != nil && bytes.HasPrefix(k, pending) {
		return Round{}, false, nil // more to go
	}
	var r Round
	ok, err := tx.getJSON(bucketRounds, roundKey(round, roundMeta, 0), &r)
	if err != nil || !ok {
		return r, false, err // ended already, or never stored
	}
	prefix := append([]byte(round), 0)
	var parts [][]byte
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		parts = append(parts, append([]byte(nil), k...))
		if k[len(prefix)] == roundMissed {
			r.Missed = append(r.Missed, int64(binary.BigEndian.Uint64(k[len(prefix)+1:])))
		}
	}
	for _, k := range parts {
		if err := b.Delete(k); err != nil {
			return r, false, err
		}
	}
	return r, true, nil
}
