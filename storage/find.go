package storage

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"maps"
	"math"
	"slices"
	"strings"

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
func (s scorer) tf(weight, length uint32) float64 {
	w := float64(weight)
	return w * (bm25K1 + 1) / (w + bm25K1*(1-bm25B+bm25B*float64(length)/s.avg))
}

// termDF is how many ideas hold the term: the blocks' counts, without
// reading their postings.
func termDF(c *bbolt.Cursor, prefix []byte) (int, error) {
	df := 0
	for k, v := c.Seek(prefix); isBlock(k, prefix); k, v = c.Next() {
		r, err := newBlockReader(k, v)
		if err != nil {
			return 0, err
		}
		df += int(r.left)
	}
	return df, nil
}

// eachPosting calls fn for every posting of the term whose prefix is
// given, in id order.
func eachPosting(c *bbolt.Cursor, prefix []byte, fn func(posting)) error {
	for k, v := c.Seek(prefix); isBlock(k, prefix); k, v = c.Next() {
		r, err := newBlockReader(k, v)
		if err != nil {
			return err
		}
		for {
			p, ok, err := r.next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			fn(p)
		}
	}
	return nil
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
// once: nil when m may see every idea, else the ids m may see (their own,
// and a head's unit's). A test holds it to CanSee.
func (tx *Tx) visibleIdeas(m Member, size uint64) ideaSet {
	if m.IsDirector() || m.IsAdmin() {
		return nil
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
	return set
}

// SearchIdeas returns the ideas m may see that match q, best first by
// BM25 over their titles and descriptions (newest first among equals):
// those from the offset-th on, at most limit, and how many match in all.
// An idea must hold q.MinMatch of the words; a pair of the words, as
// typed, ranks an idea that holds it higher.
func (tx *Tx) SearchIdeas(m Member, q Query, offset, limit int) ([]Idea, int, error) {
	if len(q.Words) == 0 || limit <= 0 || offset < 0 {
		return nil, 0, nil
	}
	b := tx.tx.Bucket(bucketSearch)
	sc := newScorer(searchStats(b))
	t := tx.newTally()
	visible := tx.visibleIdeas(m, t.size())
	c := b.Cursor()
	add := func(term string, word bool) error {
		prefix := termPrefix(term)
		df, err := termDF(c, prefix)
		if err != nil || df == 0 {
			return err
		}
		idf := sc.idf(df)
		return eachPosting(c, prefix, func(p posting) {
			if p.id >= t.size() || (visible != nil && !visible.has(p.id)) {
				return
			}
			t.score[p.id] += float32(idf * sc.tf(p.weight, p.length))
			if word {
				t.hits[p.id]++
			}
		})
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
	top, total := t.best(offset+limit, func(id uint64) bool { return t.hits[id] >= need })
	ideas, err := tx.ideasOf(top[min(offset, len(top)):])
	return ideas, total, err
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

// SimilarThreshold is how alike an idea must be to a new one to be shown
// before it is sent (see SimilarIdeas).
const SimilarThreshold = 0.3

// Bounds of the similar-idea check, so that a long description costs what
// a short one does: at most similarTerms of the new idea's terms are
// looked up (its most telling ones); a term held by more than a tenth of
// the ideas (and at least commonTermFloor) says nothing about being the
// same idea ("tiết kiệm" in a thrift movement) and is left out; at most
// similarChecked ideas are weighed whole.
const (
	similarTerms    = 64
	commonTermFloor = 1000
	similarChecked  = 50
)

// Similar is an idea like another, and how alike: 1 for the same words.
type Similar struct {
	Idea  Idea
	Score float64
}

// likeness weighs ideas' terms for SimilarIdeas: each term by BM25 in its
// idea, as if the new idea were in the index too; terms too common to
// tell anything are weightless.
type likeness struct {
	c      *bbolt.Cursor
	sc     scorer
	common int
	df     map[string]int
}

// idf is the term's weight, 0 for a common one.
func (l *likeness) idf(term string) (float64, error) {
	df, ok := l.df[term]
	if !ok {
		var err error
		if df, err = termDF(l.c, termPrefix(term)); err != nil {
			return 0, err
		}
		l.df[term] = df
	}
	if df > l.common {
		return 0, nil
	}
	return l.sc.idf(df + 1), nil
}

// weights are a text's terms, each with its weight, and their sum.
func (l *likeness) weights(title, desc string) (map[string]float64, float64, error) {
	terms, length := docTerms(title, desc)
	out := make(map[string]float64, len(terms))
	var whole float64
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		idf, err := l.idf(term)
		if err != nil {
			return nil, 0, err
		}
		if idf > 0 {
			out[term] = idf * l.sc.tf(terms[term], length)
			whole += out[term]
		}
	}
	return out, whole, nil
}

// SimilarIdeas returns the ideas, of any status and unit, most like an
// idea with this title and description, at most limit of them, most alike
// first (newest first among equals), all at SimilarThreshold or over.
// exclude is the idea itself when it is being edited (0 for a new one).
//
// Two ideas are as alike as the weight of the terms they share (each
// term counted at the smaller of its two weights) over the whole weight
// of the heavier of the two: 1 for the same words, less for words the
// one has and the other has not, on either side. The index finds the
// ideas that share enough of the new one's terms; only those are read.
func (tx *Tx) SimilarIdeas(title, desc string, exclude uint64, limit int) ([]Similar, error) {
	b := tx.tx.Bucket(bucketSearch)
	docs, total := searchStats(b)
	if docs == 0 || limit <= 0 {
		return nil, nil
	}
	_, length := docTerms(title, desc)
	l := &likeness{c: b.Cursor(), sc: newScorer(docs+1, total+uint64(length)), common: max(int(docs/10), commonTermFloor), df: map[string]int{}}
	mine, whole, err := l.weights(title, desc)
	if err != nil || whole == 0 {
		return nil, err
	}
	// The ideas that share enough: what they share can only be less over
	// the heavier idea's weight.
	type term struct {
		text string
		own  float64
	}
	var found []term
	for text, w := range mine {
		if l.df[text] > 0 {
			found = append(found, term{text, w})
		}
	}
	slices.SortFunc(found, func(a, b term) int {
		if c := cmp.Compare(b.own, a.own); c != 0 {
			return c
		}
		return strings.Compare(a.text, b.text)
	})
	t := tx.newTally()
	for _, tm := range found[:min(len(found), similarTerms)] {
		idf, _ := l.idf(tm.text)
		err := eachPosting(l.c, termPrefix(tm.text), func(p posting) {
			if p.id < t.size() {
				t.score[p.id] += float32(min(tm.own, idf*l.sc.tf(p.weight, p.length)))
				t.hits[p.id] = 1
			}
		})
		if err != nil {
			return nil, err
		}
	}
	need := float32(SimilarThreshold * whole)
	candidates, _ := t.best(similarChecked, func(id uint64) bool { return id != exclude && t.score[id] >= need })
	// Each candidate weighed whole, the most sharing first, until what
	// the next shares cannot beat the ones kept.
	var out []Similar
	for _, r := range candidates {
		if len(out) == limit && float64(r.score)/whole < out[limit-1].Score {
			break
		}
		idea, err := tx.Idea(r.id)
		if err != nil {
			return nil, err
		}
		theirs, their, err := l.weights(idea.Title, idea.Description)
		if err != nil {
			return nil, err
		}
		var shared float64
		for _, text := range slices.Sorted(maps.Keys(mine)) {
			shared += min(mine[text], theirs[text])
		}
		score := shared / max(whole, their)
		if score < SimilarThreshold {
			continue
		}
		out = append(out, Similar{Idea: idea, Score: score})
		slices.SortStableFunc(out, func(a, b Similar) int {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			return cmp.Compare(b.Idea.ID, a.Idea.ID)
		})
		out = out[:min(len(out), limit)]
	}
	return out, nil
}
