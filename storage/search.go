package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"maps"
	"slices"

	"go.etcd.io/bbolt"
)

// The search index is an inverted index of the ideas' titles and
// descriptions, kept in bbolt, so that it is in every backup and costs
// nothing to open. An edit changes it in the edit's own transaction
// (putIdea); a new idea goes through a queue committed with it and
// drained after the commit, which readers read too (searchqueue.go): so
// the index and its queue together never disagree with the ideas.
//
// Its terms are folded words (Words), so that "tiet kiem dien" finds
// "tiết kiệm điện", and pairs of neighbouring words ("tiet kiem"): a
// Vietnamese word is often two syllables written apart, and the pairs let
// a phrase rank above the same syllables scattered.
//
// Each term's postings (an idea's id, the term's weight in it and the
// idea's length) are kept in ascending id order, in blocks of at most
// blockSize under keys term 0x00 first-id. New ideas have the highest ids,
// so a submission appends to each term's last block; reading a term is a
// walk over its keys, and a few hundred bytes hold a hundred postings.
//
//	term 0x00 first-id  → uvarint count, uvarint df, then per posting: uvarint id−previous, uvarint weight, uvarint length
//	0x00 "docs"         → uvarint ideas indexed, uvarint their lengths summed
//
// df is how many ideas hold the term, kept in the term's last block, the
// one a submission rewrites anyway (a block that stops being the last
// keeps the df it had then): one write per term a submission adds to.

// titleWeight is how many words of the description a word of the title is
// worth: a title says what the idea is in a few words.
const titleWeight = 3

// blockSize bounds the postings in one block: large enough that a long
// term is read in few keys, small enough that adding to a block rewrites
// little.
const blockSize = 128

var keySearchDocs = []byte("\x00docs")

// posting is one idea under one term.
type posting struct {
	id     uint64
	weight uint32 // how often the term occurs, title words counted titleWeight times
	length uint32 // the idea's length in words, weighted alike
}

// docTerms are the terms of an idea's title and description with their
// weights, and its length.
func docTerms(title, desc string) (map[string]uint32, uint32) {
	terms := map[string]uint32{}
	var length uint32
	add := func(text string, w uint32) {
		words := Words(text)
		for i, word := range words {
			terms[word] += w
			if i > 0 {
				terms[words[i-1]+" "+word] += w
			}
		}
		length += uint32(len(words)) * w
	}
	add(title, titleWeight)
	add(desc, 1)
	return terms, length
}

// indexIdea adds an idea's terms to the index (or, with remove, takes
// them out).
func (tx *Tx) indexIdea(idea Idea, remove bool) error {
	b := tx.tx.Bucket(bucketSearch)
	c := b.Cursor()
	terms, length := docTerms(idea.Title, idea.Description)
	var prefix []byte
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		prefix = append(append(prefix[:0], term...), 0)
		if err := tx.indexPosting(b, c, prefix, posting{idea.ID, terms[term], length}, remove); err != nil {
			return err
		}
	}
	docs, total := searchStats(b)
	if remove {
		docs, total = docs-1, total-uint64(length)
	} else {
		docs, total = docs+1, total+uint64(length)
	}
	return b.Put(keySearchDocs, binary.AppendUvarint(binary.AppendUvarint(nil, docs), total))
}

// indexPosting adds p to the postings of the term whose prefix is given
// (or replaces the idea's, or, with remove, takes the idea's out), with
// the term's df. It leaves the index's counts alone.
func (tx *Tx) indexPosting(b *bbolt.Bucket, c *bbolt.Cursor, prefix []byte, p posting, remove bool) error {
	if !remove {
		done, err := appendPosting(b, c, prefix, appendBlockKey(nil, prefix, p.id), p)
		if err != nil || done {
			return err
		}
	}
	key, ps, err := findBlock(b, prefix, p.id)
	if err != nil {
		return err
	}
	i, found := slices.BinarySearchFunc(ps, p.id, func(p posting, id uint64) int { return cmp.Compare(p.id, id) })
	df, err := termDF(c, prefix)
	if err != nil {
		return err
	}
	switch {
	case remove && !found:
		return nil
	case remove:
		ps, df = slices.Delete(ps, i, i+1), df-1
	case found:
		ps[i] = p
	default:
		ps, df = slices.Insert(ps, i, p), df+1
	}
	if err := putBlocks(b, prefix, key, ps, df); err != nil {
		return err
	}
	return setDF(b, c, prefix, df) // the last block may be another
}

// appendPosting adds p after every posting of its term, in the term's
// last block or a new one, when p's id is past them all: a new idea's
// case, done with one write and without decoding the block (a submission
// adds to dozens of terms, and the intake benchmark felt each). It
// reports false, changing nothing, when p belongs among the postings.
// want is p's block key, were p to start a block.
func appendPosting(b *bbolt.Bucket, c *bbolt.Cursor, prefix, want []byte, p posting) (bool, error) {
	k, _ := c.Seek(want)
	var v []byte
	switch {
	case bytes.Equal(k, want): // p's id starts a block: it is indexed already
		return false, nil
	case isBlock(k, prefix): // a block after p's id: p belongs before it
		return false, nil
	case k == nil:
		k, v = c.Last()
	default:
		k, v = c.Prev()
	}
	if !isBlock(k, prefix) { // the term's first posting
		return true, b.Put(want, encodeBlock([]posting{p}, 1))
	}
	count, df, rest, err := blockHeader(k, v)
	if err != nil {
		return false, err
	}
	last, err := lastPosting(k, rest, count)
	if err != nil {
		return false, err
	}
	switch {
	case p.id <= last:
		return false, nil
	case count >= blockSize:
		return true, b.Put(want, encodeBlock([]posting{p}, int(df)+1))
	}
	val := binary.AppendUvarint(make([]byte, 0, len(v)+8), count+1)
	val = binary.AppendUvarint(val, df+1)
	val = append(val, rest...)
	val = binary.AppendUvarint(val, p.id-last)
	val = binary.AppendUvarint(val, uint64(p.weight))
	val = binary.AppendUvarint(val, uint64(p.length))
	return true, b.Put(k, val) // (bbolt copies the key)
}

// searchStats reads how many ideas the index holds and their lengths summed.
func searchStats(b *bbolt.Bucket) (docs, total uint64) {
	v := b.Get(keySearchDocs)
	docs, k := binary.Uvarint(v)
	if k <= 0 {
		return 0, 0
	}
	total, _ = binary.Uvarint(v[k:])
	return docs, total
}

// reindexIdea keeps the index in step with an idea being stored; old is
// the stored version, nil for a new idea. Only the texts matter.
func (tx *Tx) reindexIdea(old *Idea, idea Idea) error {
	switch {
	case old == nil:
		return tx.queueIndex(idea.ID) // searchqueue.go
	case old.Title == idea.Title && old.Description == idea.Description:
		return nil
	case tx.queuedForIndex(idea.ID):
		return nil // the drainer reads it as it will be
	}
	if err := tx.indexIdea(*old, true); err != nil {
		return err
	}
	return tx.indexIdea(idea, false)
}

// buildSearchIndex indexes every idea into an empty index (a migration
// on a file of 200,000 ideas). The ideas are read in id order, so each
// term's blocks are encoded as they fill, a few bytes a posting, and
// written at the end term by term in key order, which bbolt fills pages
// with best.
func buildSearchIndex(tx *bbolt.Tx) error {
	type block struct {
		first uint64
		data  []byte
	}
	type building struct {
		blocks []block // encoded, full
		open   []posting
		df     int
	}
	terms := map[string]*building{}
	var docs, total uint64
	err := (&Tx{tx: tx}).eachIdeaReporting(func(idea Idea) error {
		words, length := docTerms(idea.Title, idea.Description)
		for term, w := range words {
			t := terms[term]
			if t == nil {
				t = &building{}
				terms[term] = t
			}
			t.open, t.df = append(t.open, posting{idea.ID, w, length}), t.df+1
			if len(t.open) == blockSize {
				t.blocks, t.open = append(t.blocks, block{t.open[0].id, encodeBlock(t.open, t.df)}), t.open[:0]
			}
		}
		docs, total = docs+1, total+uint64(length)
		return nil
	})
	if err != nil {
		return err
	}
	if tx.Bucket(bucketSearchQueue) != nil { // every idea is in the index now
		if err := tx.DeleteBucket(bucketSearchQueue); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketSearchQueue); err != nil {
			return err
		}
	}
	b := tx.Bucket(bucketSearch)
	b.FillPercent = 0.9 // keys come in order: pages need little room to grow
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		t, prefix := terms[term], termPrefix(term)
		if len(t.open) > 0 {
			t.blocks = append(t.blocks, block{t.open[0].id, encodeBlock(t.open, t.df)})
		}
		for _, bl := range t.blocks {
			if err := b.Put(blockKey(prefix, bl.first), bl.data); err != nil {
				return err
			}
		}
	}
	return b.Put(keySearchDocs, binary.AppendUvarint(binary.AppendUvarint(nil, docs), total))
}

// SearchIndexSize is the room the search index takes in the file, in
// bytes: the pages it holds.
func (db *DB) SearchIndexSize() (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		st := tx.Bucket(bucketSearch).Stats()
		n = int64(st.BranchAlloc + st.LeafAlloc)
		return nil
	})
	return n, err
}

// lastPosting walks the count postings of block k (rest is its encoding
// after the header) to the last idea id they name.
func lastPosting(k, rest []byte, count uint64) (uint64, error) {
	last, end := binary.BigEndian.Uint64(k[len(k)-8:]), 0
	for range count {
		for j := range 3 {
			x, w := binary.Uvarint(rest[end:])
			if w <= 0 {
				return 0, errDamagedBlock(k)
			}
			if j == 0 {
				last += x
			}
			end += w
		}
	}
	return last, nil
}
