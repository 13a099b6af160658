package storage

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"
	"sync"
	"time"

	"go.etcd.io/bbolt"
)

// The search index's queue. A new idea's postings (one write per term, a
// few dozen) are not written in the idea's own transaction, which every
// submission waits for, but from a queue: the transaction puts the idea's
// id in it (one write), and a drainer indexes what the queue holds after
// the commit, many ideas at once, in its own transaction. A term many of
// them share ("tiết kiệm") is then written once for all of them.
//
// Nothing is lost or late for a reader: the queue commits with the idea,
// survives a crash (Open drains what it holds), and a search or the
// similar-idea check reads the ideas still in it as if they were indexed
// (pendingSearch). Draining takes an id out of the queue in the
// transaction that indexes it.
//
//	id (8 bytes, big-endian) → nothing
//
// Edits of an idea already indexed are written to the index in their own
// transaction, as before (they are few); an edit of an idea still queued
// writes nothing, as the drainer reads the idea as it then is.

var (
	bucketSearchQueue = []byte("search_queue")
)

// searchDrainBatch bounds the ideas one drain indexes, so that a long
// queue (after a full disk) is taken in transactions of bounded size.
const searchDrainBatch = 1024

// queueIndex puts a new idea in the search index's queue.
func (tx *Tx) queueIndex(id uint64) error {
	q, err := tx.tx.CreateBucketIfNotExists(bucketSearchQueue)
	if err != nil {
		return err
	}
	tx.queuedSearch = true
	return q.Put(u64(id), nil)
}

// queuedForIndex reports whether the idea waits in the queue.
func (tx *Tx) queuedForIndex(id uint64) bool {
	q := tx.tx.Bucket(bucketSearchQueue)
	if q == nil {
		return false
	}
	key := u64(id)
	k, _ := q.Cursor().Seek(key) // (Get says nil for an empty value)
	return bytes.Equal(k, key)
}

// searchQueued reports whether ideas wait in the queue.
func (db *DB) searchQueued() bool {
	queued := false
	db.bolt.View(func(btx *bbolt.Tx) error {
		if q := btx.Bucket(bucketSearchQueue); q != nil {
			k, _ := q.Cursor().First()
			queued = k != nil
		}
		return nil
	})
	return queued
}

// ideaTexts are what the index holds of an idea.
type ideaTexts struct {
	ID          uint64 `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// queuedIdea reads the texts of a queued idea: decoding the whole idea
// (its history above all) was a good share of a drain.
func (tx *Tx) queuedIdea(key []byte) (ideaTexts, error) {
	return getRecord[ideaTexts](tx, bucketIdeas, key, func() error {
		return Errorf(ENotFound, ReasonIdeaNotFound, IdeaRef(binary.BigEndian.Uint64(key)))
	})
}

// pending is what the queue holds, as the index would hold it: the
// queued ideas' postings by term, their number and lengths summed.
type pending struct {
	docs, total uint64
	terms       map[string][]posting
}

// df is how many queued ideas hold the term.
func (p pending) df(term string) int { return len(p.terms[term]) }

// pendingSearch reads the ideas in the queue (usually none, or the few
// the drainer has not reached yet).
func (tx *Tx) pendingSearch() (pending, error) {
	var p pending
	q := tx.tx.Bucket(bucketSearchQueue)
	if q == nil {
		return p, nil
	}
	err := q.ForEach(func(k, _ []byte) error {
		idea, err := tx.queuedIdea(k)
		if err != nil {
			return err
		}
		terms, length := docTerms(idea.Title, idea.Description)
		if p.terms == nil {
			p.terms = map[string][]posting{}
		}
		for term, w := range terms {
			p.terms[term] = append(p.terms[term], posting{idea.ID, w, length})
		}
		p.docs, p.total = p.docs+1, p.total+uint64(length)
		return nil
	})
	return p, err
}

// drainSearchQueue indexes at most max of the queued ideas, oldest
// first, and takes them out of the queue. It returns how many it took.
func (tx *Tx) drainSearchQueue(max int) (int, error) {
	q := tx.tx.Bucket(bucketSearchQueue)
	if q == nil {
		return 0, nil
	}
	var ids [][]byte
	c := q.Cursor()
	for k, _ := c.First(); k != nil && len(ids) < max; k, _ = c.Next() {
		ids = append(ids, bytes.Clone(k))
	}
	if len(ids) == 0 {
		return 0, nil
	}
	terms := map[string][]posting{}
	var docs, total uint64
	for _, k := range ids {
		idea, err := tx.queuedIdea(k)
		if err != nil {
			return 0, err
		}
		words, length := docTerms(idea.Title, idea.Description)
		for term, w := range words {
			terms[term] = append(terms[term], posting{idea.ID, w, length}) // ids ascending
		}
		docs, total = docs+1, total+uint64(length)
	}
	b := tx.tx.Bucket(bucketSearch)
	bc := b.Cursor()
	var prefix []byte
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		prefix = append(append(prefix[:0], term...), 0)
		ps := terms[term]
		done, err := appendPostings(b, bc, prefix, ps)
		if err != nil {
			return 0, err
		}
		for i := 0; !done && i < len(ps); i++ { // among the postings: one at a time
			if err := tx.indexPosting(b, bc, prefix, ps[i], false); err != nil {
				return 0, err
			}
		}
	}
	d, t := searchStats(b)
	if err := b.Put(keySearchDocs, binary.AppendUvarint(binary.AppendUvarint(nil, d+docs), t+total)); err != nil {
		return 0, err
	}
	for _, k := range ids {
		if err := q.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// appendPostings adds ps (ascending ids) after every posting of their
// term, filling its last block and starting new ones, when the first of
// them is past all the term's postings: new ideas' case, one write per
// block. It reports false, changing nothing, otherwise.
func appendPostings(b *bbolt.Bucket, c *bbolt.Cursor, prefix []byte, ps []posting) (bool, error) {
	k, v := lastBlock(c, prefix)
	var df uint64
	if k != nil {
		count, d, rest, err := blockHeader(k, v)
		if err != nil {
			return false, err
		}
		last, err := lastPosting(k, rest, count)
		if err != nil {
			return false, err
		}
		if ps[0].id <= last {
			return false, nil
		}
		df = d
		if n := min(int(blockSize-count), len(ps)); n > 0 {
			val := binary.AppendUvarint(make([]byte, 0, len(v)+4+n*6), count+uint64(n))
			val = binary.AppendUvarint(val, df+uint64(n))
			val = append(val, rest...)
			for _, p := range ps[:n] {
				val = binary.AppendUvarint(val, p.id-last)
				val = binary.AppendUvarint(val, uint64(p.weight))
				val = binary.AppendUvarint(val, uint64(p.length))
				last = p.id
			}
			if err := b.Put(k, val); err != nil { // (bbolt copies the key)
				return false, err
			}
			ps, df = ps[n:], df+uint64(n)
		}
	}
	for len(ps) > 0 {
		n := min(len(ps), blockSize)
		df += uint64(n)
		if err := b.Put(blockKey(prefix, ps[0].id), encodeBlock(ps[:n], int(df))); err != nil {
			return false, err
		}
		ps = ps[n:]
	}
	return true, nil
}

// drainGather is how long the drainer waits, once kicked, for more ideas
// to take at once. Readers see the queue meanwhile.
const drainGather = 50 * time.Millisecond

// drainer indexes the queue in the background: kicked after a commit that
// queued ideas, it drains until the queue is empty, so that while it
// commits, the ideas queued meanwhile wait to be taken together.
type drainer struct {
	mu      sync.Mutex
	kick    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	started bool
	closed  bool
	// busy is held through every drain, and by Check: bbolt's check
	// reads the live freelist, which a commit under way changes.
	busy sync.Mutex
}

// kickDrain asks the drainer to drain the queue (starting it the first
// time).
func (db *DB) kickDrain() {
	d := &db.drain
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	if !d.started {
		d.started = true
		d.kick, d.stop, d.done = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
		go db.drainLoop()
	}
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

func (db *DB) drainLoop() {
	d := &db.drain
	defer close(d.done)
	for {
		select {
		case <-d.stop:
			return
		case <-d.kick:
		}
		// Let a burst gather: each drain is a commit, and rewrites the
		// last block of every term its ideas hold.
		select {
		case <-d.stop:
			return
		case <-time.After(drainGather):
		}
		for {
			n, err := db.drainOnce()
			if err != nil || n < searchDrainBatch {
				break // a failure is retried at the next kick; readers see the queue meanwhile
			}
			select {
			case <-d.stop:
				return
			default:
			}
		}
	}
}

// stopDrain stops the drainer, waiting for a drain under way.
func (db *DB) stopDrain() {
	d := &db.drain
	d.mu.Lock()
	started := d.started && !d.closed
	d.closed = true
	d.mu.Unlock()
	if started {
		close(d.stop)
		<-d.done
	}
}

// drainOnce indexes up to searchDrainBatch queued ideas in a transaction
// of its own. While commits fail on purpose (FailCommits) it does
// nothing: the disk is "full".
func (db *DB) drainOnce() (int, error) {
	if db.fault.Load() != nil {
		return 0, nil
	}
	return db.drainTx()
}

// drainTx indexes up to searchDrainBatch queued ideas in a transaction of
// its own.
func (db *DB) drainTx() (int, error) {
	db.drain.busy.Lock()
	defer db.drain.busy.Unlock()
	n := 0
	err := db.safely(func() error {
		return db.bolt.Update(func(btx *bbolt.Tx) error {
			var err error
			// The drain stamps nothing, so it reads no clock: the one
			// clock is read by the transactions people's actions make,
			// never from the drainer's goroutine.
			n, err = (&Tx{tx: btx, db: db}).drainSearchQueue(searchDrainBatch)
			return err
		})
	})
	return n, err
}

// DrainSearchQueue indexes every idea waiting in the search index's queue
// now, rather than when the drainer gets to it: for tests, and for the
// generator, which writes ideas by the thousand.
func (db *DB) DrainSearchQueue() error {
	for {
		n, err := db.drainTx()
		if err != nil || n < searchDrainBatch {
			return err
		}
	}
}
