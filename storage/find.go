package storage

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"math"
	"slices"

	"go.etcd.io/bbolt"
)

// Finding ideas in the search index (search.go): a person's search, ranked
// by BM25, and the ideas most like a new one.

// BM25's parameters, Lucene's defaults: how soon more of a word stops
// counting, and how much a long text is discounted.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// MaxQueryWords bounds the words a search looks for, so that a pasted page
// costs what a phrase does. The words past it are left out, and the
// person is told.
const MaxQueryWords = 10

// Query is what someone searches for: folded words, each once, in the
// order typed.
type Query struct {
	Words   []string
	Dropped int // distinct words past MaxQueryWords, not looked for
}

// ParseQuery reads what was typed as a Query. Anything that is not a
// letter or a digit only separates words, so patterns, quotes and markup
// are never searched for as such.
func ParseQuery(s string) Query {
	var q Query
	seen := map[string]bool{}
	for _, w := range Words(s) {
		switch {
		case seen[w]:
		case len(q.Words) == MaxQueryWords:
			q.Dropped++
		default:
			q.Words = append(q.Words, w)
		}
		seen[w] = true
	}
	return q
}

// TooShort reports whether the query has fewer than two letters or
// digits in all: a single letter matches too much to be worth a list.
func (q Query) TooShort() bool {
	n := 0
	for _, w := range q.Words {
		for range w {
			n++
		}
	}
	return n < 2
}

// MinMatch is how many of the query's words an idea must hold to be
// found: every one of up to three, and all but one in four of more, so a
// longer description of what one looks for still finds an idea that puts
// one word differently.
func (q Query) MinMatch() int { return len(q.Words) - len(q.Words)/4 }

// scorer weighs a term in an idea by BM25.
type scorer struct {
	docs, avg float64
}

func newScorer(docs, total uint64) scorer {
	return scorer{docs: float64(docs), avg: max(1, float64(total)/max(1, float64(docs)))}
}

// idf is how telling a term found in df of the ideas is.
func (s scorer) idf(df int) float64 {
	return math.Log(1 + (s.docs-float64(df)+0.5)/(float64(df)+0.5))
}

// tf is how much a term of the given weight counts in a text of the given
// length.
func (s scorer) tf(weight, length uint32) float32 {
	w := float32(weight)
	return w * (bm25K1 + 1) / (w + bm25K1*(1-bm25B+bm25B*float32(length)/float32(s.avg)))
}

// readTerm reads every posting of the term whose prefix is given, in id
// order, into buf.
func readTerm(c *bbolt.Cursor, prefix []byte, buf []posting) ([]posting, error) {
	buf = buf[:0]
	var err error
	for k, v := c.Seek(prefix); isBlock(k, prefix); k, v = c.Next() {
		if buf, err = appendBlock(buf, k, v); err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// appendBlock appends a block's postings to buf. It decodes in place,
// which the profile asked for: it is most of a search's time.
func appendBlock(buf []posting, k, v []byte) ([]posting, error) {
	n, _, v, err := blockHeader(k, v)
	if err != nil {
		return nil, err
	}
	i, id := 0, binary.BigEndian.Uint64(k[len(k)-8:])
	buf = slices.Grow(buf, int(n))
	for range n {
		if i+2 < len(v) && v[i]|v[i+1]|v[i+2] < 0x80 { // three one-byte numbers: most postings
			id += uint64(v[i])
			buf = append(buf, posting{id: id, weight: uint32(v[i+1]), length: uint32(v[i+2])})
			i += 3
			continue
		}
		var x [3]uint64
		for j := range x {
			if i < len(v) && v[i] < 0x80 {
				x[j], i = uint64(v[i]), i+1
				continue
			}
			y, w := binary.Uvarint(v[min(i, len(v)):])
			if w <= 0 {
				return nil, errDamagedBlock(k)
			}
			x[j], i = y, i+w
		}
		id += x[0]
		buf = append(buf, posting{id: id, weight: uint32(x[1]), length: uint32(x[2])})
	}
	return buf, nil
}

// probeTerm reads the postings of the term for the given ideas only
// (ascending), one block each at most: cheaper than reading the term
// when the ideas are few and the term common.
func probeTerm(b *bbolt.Bucket, prefix []byte, ids []uint64, buf []posting) ([]posting, error) {
	buf = buf[:0]
	var block []posting
	for _, id := range ids {
		if len(block) == 0 || id > block[len(block)-1].id {
			var err error
			if _, block, err = findBlock(b, prefix, id); err != nil {
				return nil, err
			}
		}
		if i, ok := slices.BinarySearchFunc(block, id, func(p posting, id uint64) int { return cmp.Compare(p.id, id) }); ok {
			buf = append(buf, block[i])
		}
	}
	return buf, nil
}

// tally is what a query gathers for every idea, by id: its score, and how
// many of the query's words it holds. Dense arrays: a common word touches
// a good share of all ideas.
type tally struct {
	score []float32
	hits  []uint8
}

func (tx *Tx) newTally() tally {
	n := tx.tx.Bucket(bucketIdeas).Sequence() + 1
	return tally{score: make([]float32, n), hits: make([]uint8, n)}
}

// ranked is an idea's id and score.
type ranked struct {
	id    uint64
	score float32
}

// before orders results: higher score first, then the newer (higher id).
func (a ranked) before(b ranked) bool {
	return a.score > b.score || (a.score == b.score && a.id > b.id)
}

// worstFirst is a heap of results whose root is the one to drop first.
type worstFirst []ranked

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return h[j].before(h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(ranked)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// best returns the k best of the ideas keep accepts, best first, and how
// many it accepts in all.
func (t tally) best(k int, keep func(id uint64) bool) ([]ranked, int) {
	h := make(worstFirst, 0, min(k, 1024))
	total := 0
	for id := len(t.score) - 1; id > 0; id-- {
		if t.hits[id] == 0 || !keep(uint64(id)) {
			continue
		}
		total++
		r := ranked{uint64(id), t.score[id]}
		switch {
		case len(h) < k:
			heap.Push(&h, r)
		case k > 0 && r.before(h[0]):
			h[0] = r
			heap.Fix(&h, 0)
		}
	}
	out := make([]ranked, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&h).(ranked)
	}
	return out, total
}

// ideaSet is a set of ideas, by id.
type ideaSet []uint64

func newIdeaSet(size uint64) ideaSet { return make(ideaSet, size/64+1) }
func (s ideaSet) add(id uint64)      { s[id/64] |= 1 << (id % 64) }
func (s ideaSet) has(id uint64) bool { return s[id/64]&(1<<(id%64)) != 0 }

// size is one more than the highest id a tally holds.
func (t tally) size() uint64 { return uint64(len(t.score)) }

// visibleIdeas is Member.CanSee through the indexes, for a whole search at
// once: nil when m may see every idea, else the ideas m may see (their
// own, and a head's unit's), as a set and in ascending order. A test holds
// it to CanSee.
func (tx *Tx) visibleIdeas(m Member, size uint64) (ideaSet, []uint64) {
	if m.IsDirector() || m.IsAdmin() {
		return nil, nil
	}
	set := newIdeaSet(size)
	each := func(bucket, prefix []byte) {
		c := tx.tx.Bucket(bucket).Cursor()
		for k, _ := c.Seek(prefix); isBlock(k, prefix); k, _ = c.Next() { // (an index key is laid out as a block's)
			if id := binary.BigEndian.Uint64(k[len(prefix):]); id < size {
				set.add(id)
			}
		}
	}
	each(bucketIdeasAuthor, u64(uint64(m.UserID)))
	if m.IsHead(m.Unit) {
		each(bucketIdeasUnit, append([]byte(m.Unit), 0))
	}
	var ids []uint64
	for id := range size {
		if set.has(id) {
			ids = append(ids, id)
		}
	}
	return set, ids
}

// probeShare is when reading a common term's postings for a few ideas
// beats reading all of them: a block found by a seek for every idea
// against a posting decoded for every one of the term's ideas.
const probeShare = 300

// SearchIdeas returns the ideas m may see that match q, best first by
// BM25 over their titles and descriptions (newest first among equals):
// those from the offset-th on, at most limit, and how many match in all.
// An idea must hold q.MinMatch of the words; a pair of the words, as
// typed, ranks an idea that holds it higher (unless more than half of
// many ideas hold it, when it tells too little to be worth reading).
func (tx *Tx) SearchIdeas(m Member, q Query, offset, limit int) ([]Idea, int, error) {
	if len(q.Words) == 0 || limit <= 0 || offset < 0 {
		return nil, 0, nil
	}
	b := tx.tx.Bucket(bucketSearch)
	queued, err := tx.pendingSearch() // ideas not yet in the index (searchqueue.go)
	if err != nil {
		return nil, 0, err
	}
	docs, total := searchStats(b)
	docs, total = docs+queued.docs, total+queued.total
	sc := newScorer(docs, total)
	t := tx.newTally()
	visible, ids := tx.visibleIdeas(m, t.size())
	c := b.Cursor()
	var buf []posting
	add := func(term string, word bool) error {
		prefix := termPrefix(term)
		df, err := termDF(c, prefix)
		if err != nil {
			return err
		}
		df += queued.df(term)
		if df == 0 || (!word && df > max(int(docs/2), commonTerm)) {
			return nil
		}
		buf = slices.Grow(buf[:0], df)
		if visible != nil && len(ids) < df/probeShare {
			buf, err = probeTerm(b, prefix, ids, buf)
		} else {
			buf, err = readTerm(c, prefix, buf)
		}
		if err != nil {
			return err
		}
		buf = append(buf, queued.terms[term]...)
		idf := float32(sc.idf(df))
		for _, p := range buf {
			if p.id >= t.size() || (visible != nil && !visible.has(p.id)) {
				continue
			}
			t.score[p.id] += idf * sc.tf(p.weight, p.length)
			if word {
				t.hits[p.id]++
			}
		}
		return nil
	}
	for i, w := range q.Words {
		if err := add(w, true); err != nil {
			return nil, 0, err
		}
		if i > 0 {
			if err := add(q.Words[i-1]+" "+w, false); err != nil {
				return nil, 0, err
			}
		}
	}
	need := uint8(q.MinMatch())
	top, n := t.best(offset+limit, func(id uint64) bool { return t.hits[id] >= need })
	ideas, err := tx.ideasOf(top[min(offset, len(top)):])
	return ideas, n, err
}

func (tx *Tx) ideasOf(rs []ranked) ([]Idea, error) {
	out := make([]Idea, 0, len(rs))
	for _, r := range rs {
		idea, err := tx.Idea(r.id)
		if err != nil {
			return nil, err
		}
		out = append(out, idea)
	}
	return out, nil
}
