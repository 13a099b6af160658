package storage

// Dead letters are outbox entries that can never be sent: their method is
// one this program does not know, or Telegram refused them for good after
// bounded tries for a reason that is not the person's (a 404, a 409). They
// leave the outbox, so they never block their chat, and are kept here for
// the operators; each kind of them is told to the operators once.
//
// The buckets are made by the first write that needs them, so a file
// without any needs no migration.
var (
	bucketDeadLetters = []byte("dead_letters")
	bucketDeadTold    = []byte("dead_letters_told") // kinds told to the operators
)

// DeadLetter moves an outbox entry that can never be sent to the dead
// letters, with why.
func (s Sending) DeadLetter(m Message, reason string) error {
	tx := s.tx
	m.LastError = reason
	if err := tx.removeOutbox(m); err != nil {
		return err
	}
	b, err := tx.tx.CreateBucketIfNotExists(bucketDeadLetters)
	if err != nil {
		return err
	}
	return putJSON(b, u64(m.ID), m)
}

// DeadLetters returns up to limit dead letters, newest first.
func (s Sending) DeadLetters(limit int) ([]Message, error) {
	tx := s.tx
	var out []Message
	b := tx.tx.Bucket(bucketDeadLetters)
	if b == nil {
		return nil, nil
	}
	c := b.Cursor()
	for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
		var m Message
		if err := decode(bucketDeadLetters, k, v, &m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// DeadLetterCount returns how many dead letters are kept.
func (o Outbox) DeadLetterCount() int {
	tx := o.tx
	b := tx.tx.Bucket(bucketDeadLetters)
	if b == nil {
		return 0
	}
	return b.Stats().KeyN
}

// DeadLetterCount returns how many dead letters are kept.
func (db *DB) DeadLetterCount() (n int, err error) {
	err = db.View(func(tx *Tx) error {
		n = tx.Outbox().DeadLetterCount()
		return nil
	})
	return n, err
}

// FirstDeadLetterOfKind records that a dead letter of a kind (what made it
// one: "unknown method sendSticker", "sendMessage 404") was seen, and
// reports whether it is the first of that kind, so the operators are told
// of each kind once.
func (o Outbox) FirstDeadLetterOfKind(kind string) (bool, error) {
	tx := o.tx
	b, err := tx.tx.CreateBucketIfNotExists(bucketDeadTold)
	if err != nil {
		return false, err
	}
	if b.Get([]byte(kind)) != nil {
		return false, nil
	}
	return true, b.Put([]byte(kind), u64(uint64(tx.now.Unix())))
}
