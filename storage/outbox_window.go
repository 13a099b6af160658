package storage

import "encoding/binary"

// The outbox's two indexes let the sender read it through a bounded
// window instead of holding every entry (see delivery): each chat's
// entries in order ("per-chat heads"), and the replies and notices, so
// that one enqueued behind a backlog of rounds is found at once.
//
//	outbox_by_chat: chat (8 bytes) + id (8 bytes) → nothing
//	outbox_urgent:  class (1 byte: 0 reply, 1 notice) + id → chat (8 bytes)
//
// Enqueue writes them and removing an entry deletes them; IndexOutbox
// builds them for a file whose outbox was written without them.
var (
	bucketOutboxChat   = []byte("outbox_by_chat")
	bucketOutboxUrgent = []byte("outbox_urgent")
)

func outboxChatKey(chat int64, id uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, uint64(chat))
	binary.BigEndian.PutUint64(k[8:], id)
	return k
}

// outboxUrgentKey is an urgent entry's key; a priority more urgent than
// this version knows counts as a reply.
func outboxUrgentKey(p Priority, id uint64) []byte {
	k := make([]byte, 9)
	k[0] = byte(max(p, PriorityReply) - PriorityReply)
	binary.BigEndian.PutUint64(k[1:], id)
	return k
}

// indexOutbox writes an entry's index keys.
func (tx *Tx) indexOutbox(m Message) error {
	byChat, err := tx.tx.CreateBucketIfNotExists(bucketOutboxChat)
	if err != nil {
		return err
	}
	if err := byChat.Put(outboxChatKey(m.ChatID, m.ID), nil); err != nil {
		return err
	}
	if m.Priority >= PriorityBulk {
		return nil
	}
	urgent, err := tx.tx.CreateBucketIfNotExists(bucketOutboxUrgent)
	if err != nil {
		return err
	}
	return urgent.Put(outboxUrgentKey(m.Priority, m.ID), u64(uint64(m.ChatID)))
}

// removeOutbox deletes an entry and its index keys; m is the entry as
// read from the outbox (its chat and priority name the keys).
func (tx *Tx) removeOutbox(m Message) error {
	if byChat := tx.tx.Bucket(bucketOutboxChat); byChat != nil {
		if err := byChat.Delete(outboxChatKey(m.ChatID, m.ID)); err != nil {
			return err
		}
	}
	if urgent := tx.tx.Bucket(bucketOutboxUrgent); urgent != nil && m.Priority < PriorityBulk {
		if err := urgent.Delete(outboxUrgentKey(m.Priority, m.ID)); err != nil {
			return err
		}
	}
	return tx.tx.Bucket(bucketOutbox).Delete(u64(m.ID))
}

// IndexOutbox builds the outbox's indexes when they do not hold exactly
// the outbox's entries (a file written before them, or by an older
// version), and reports whether it had to.
func (db *DB) IndexOutbox() (bool, error) {
	rebuilt := false
	err := db.Update(func(tx *Tx) error {
		out := tx.tx.Bucket(bucketOutbox)
		byChat := tx.tx.Bucket(bucketOutboxChat)
		if byChat != nil && byChat.Stats().KeyN == out.Stats().KeyN {
			return nil
		}
		rebuilt = true
		for _, name := range [][]byte{bucketOutboxChat, bucketOutboxUrgent} {
			if tx.tx.Bucket(name) != nil {
				if err := tx.tx.DeleteBucket(name); err != nil {
					return err
				}
			}
		}
		if _, err := tx.tx.CreateBucket(bucketOutboxChat); err != nil {
			return err
		}
		return out.ForEach(func(k, v []byte) error {
			var m Message
			if err := decode(bucketOutbox, k, v, &m); err != nil {
				return err
			}
			return tx.indexOutbox(m)
		})
	})
	return rebuilt, err
}

// After calls fn with the outbox entries after id `after`, oldest
// first, until fn returns false.
func (s Sending) After(after uint64, fn func(Message) bool) error {
	tx := s.tx
	c := tx.tx.Bucket(bucketOutbox).Cursor()
	for k, v := c.Seek(u64(after + 1)); k != nil; k, v = c.Next() {
		var m Message
		if err := decode(bucketOutbox, k, v, &m); err != nil {
			return err
		}
		if !fn(m) {
			return nil
		}
	}
	return nil
}

// OfChat calls fn with a chat's outbox entries after id `after`,
// oldest first, until fn returns false.
func (s Sending) OfChat(chat int64, after uint64, fn func(Message) bool) error {
	tx := s.tx
	byChat := tx.tx.Bucket(bucketOutboxChat)
	if byChat == nil {
		return nil
	}
	out := tx.tx.Bucket(bucketOutbox)
	prefix := outboxChatKey(chat, 0)[:8]
	c := byChat.Cursor()
	for k, _ := c.Seek(outboxChatKey(chat, after+1)); k != nil && string(k[:8]) == string(prefix); k, _ = c.Next() {
		id := binary.BigEndian.Uint64(k[8:])
		v := out.Get(u64(id))
		if v == nil {
			continue // an index key an older version left behind
		}
		var m Message
		if err := decode(bucketOutbox, u64(id), v, &m); err != nil {
			return err
		}
		if !fn(m) {
			return nil
		}
	}
	return nil
}

// Urgent calls fn with the id and chat of the outbox entries of
// priority p (PriorityReply or PriorityNotice) after id `after`, oldest
// first, until fn returns false.
func (s Sending) Urgent(p Priority, after uint64, fn func(id uint64, chat int64) bool) error {
	tx := s.tx
	urgent := tx.tx.Bucket(bucketOutboxUrgent)
	if urgent == nil {
		return nil
	}
	c := urgent.Cursor()
	for k, v := c.Seek(outboxUrgentKey(p, after+1)); k != nil && k[0] == byte(max(p, PriorityReply)-PriorityReply); k, v = c.Next() {
		if !fn(binary.BigEndian.Uint64(k[1:]), int64(binary.BigEndian.Uint64(v))) {
			return nil
		}
	}
	return nil
}
