package storage

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"go.etcd.io/bbolt"
)

// SimilarThreshold is how alike an idea must be to a new one to be shown
// before it is sent (see SimilarIdeas).
const SimilarThreshold = 0.3

// Bounds of the similar-idea check, so that a long description costs what
// a short one does, and a common word what a rare one does: at most
// similarTerms of the new idea's terms are looked up (its most telling
// ones); of a term held by more than commonTerm ideas ("tiết kiệm" in a
// thrift movement), only the newest commonTerm are read; at most
// similarChecked ideas are weighed whole. So an idea that shares only
// common words with the new one is found among the newest 20,000 ideas,
// one that shares a telling word among all: the same good idea sent again
// and again ("tắt điện khi ra khỏi phòng") is all common words.
const (
	similarTerms   = 64
	commonTerm     = 20_000
	similarChecked = 50
)

// Similar is an idea like another, and how alike: 1 for the same words.
type Similar struct {
	Idea  Idea
	Score float64
}

// likeness weighs ideas' terms for SimilarIdeas: each term by BM25 in its
// idea, as if the new idea were in the index too.
type likeness struct {
	c      *bbolt.Cursor
	sc     scorer
	df     map[string]int
	queued pending // ideas not yet in the index (searchqueue.go)
}

// idf is the term's weight, and how many ideas hold it.
func (l *likeness) idf(term string) (float64, int, error) {
	df, ok := l.df[term]
	if !ok {
		var err error
		if df, err = termDF(l.c, termPrefix(term)); err != nil {
			return 0, 0, err
		}
		df += l.queued.df(term)
		l.df[term] = df
	}
	return l.sc.idf(df + 1), df, nil
}

// weights are a text's terms, each with its weight, and their sum. A
// word no idea in the index has (a typo, a name, a number) can make no
// idea alike, and would be the heaviest of all, since BM25 weighs a word
// by its rarity: it is left out, so that it is not held against the
// ideas the text is like.
func (l *likeness) weights(title, desc string) (map[string]float64, float64, error) {
	terms, length := docTerms(title, desc)
	out := make(map[string]float64, len(terms))
	var whole float64
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		idf, df, err := l.idf(term)
		if err != nil {
			return nil, 0, err
		}
		if df > 0 {
			out[term] = idf * float64(l.sc.tf(terms[term], length))
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
	queued, err := tx.pendingSearch()
	if err != nil {
		return nil, err
	}
	docs, total := searchStats(b)
	docs, total = docs+queued.docs, total+queued.total
	if docs == 0 || limit <= 0 {
		return nil, nil
	}
	_, length := docTerms(title, desc)
	l := &likeness{c: b.Cursor(), sc: newScorer(docs+1, total+uint64(length)), df: map[string]int{}, queued: queued}
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
		found = append(found, term{text, w})
	}
	slices.SortFunc(found, func(a, b term) int {
		if c := cmp.Compare(b.own, a.own); c != 0 {
			return c
		}
		return strings.Compare(a.text, b.text)
	})
	t := tx.newTally()
	c := b.Cursor()
	var buf []posting
	for _, tm := range found[:min(len(found), similarTerms)] {
		idf, _, _ := l.idf(tm.text)
		if buf, err = readNewest(c, termPrefix(tm.text), commonTerm, buf); err != nil {
			return nil, err
		}
		buf = append(buf, queued.terms[tm.text]...)
		for _, p := range buf {
			if p.id < t.size() {
				t.score[p.id] += float32(min(tm.own, idf*float64(l.sc.tf(p.weight, p.length))))
				t.hits[p.id] = 1
			}
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

// readNewest reads the postings of the term's newest ideas, at least n of
// them when it has that many, from its last block back.
func readNewest(c *bbolt.Cursor, prefix []byte, n int, buf []posting) ([]posting, error) {
	buf = buf[:0]
	var err error
	for k, v := lastBlock(c, prefix); isBlock(k, prefix) && len(buf) < n; k, v = c.Prev() {
		if buf, err = appendBlock(buf, k, v); err != nil {
			return nil, err
		}
	}
	return buf, nil
}
