package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"

	"go.etcd.io/bbolt"
)

// The search index is an inverted index of the ideas' titles and
// descriptions, kept in bbolt and changed in the same transaction as the
// idea it describes (putIdea), so that it can never disagree with the
// ideas, is in every backup, and costs nothing to open.
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

func termPrefix(term string) []byte { return append([]byte(term), 0) }

func blockKey(prefix []byte, first uint64) []byte {
	return appendBlockKey(make([]byte, 0, len(prefix)+8), prefix, first)
}

// appendBlockKey appends a block's key to dst (a scratch buffer: bbolt
// copies the keys it is given).
func appendBlockKey(dst, prefix []byte, first uint64) []byte {
	return binary.BigEndian.AppendUint64(append(dst, prefix...), first)
}

// isBlock reports whether k is a key of the term whose prefix is given
// (terms hold no 0 byte, so the prefix and the length say it).
func isBlock(k, prefix []byte) bool {
	return len(k) == len(prefix)+8 && bytes.HasPrefix(k, prefix)
}

// blockReader reads a block's postings in order.
type blockReader struct {
	buf  []byte
	left uint64
	last uint64
}

// blockHeader reads a block's count and df, and returns its postings.
func blockHeader(key, val []byte) (count, df uint64, rest []byte, err error) {
	count, n := binary.Uvarint(val)
	if n <= 0 {
		return 0, 0, nil, errDamagedBlock(key)
	}
	df, m := binary.Uvarint(val[n:])
	if m <= 0 {
		return 0, 0, nil, errDamagedBlock(key)
	}
	return count, df, val[n+m:], nil
}

func newBlockReader(key, val []byte) (blockReader, error) {
	count, _, rest, err := blockHeader(key, val)
	return blockReader{buf: rest, left: count, last: binary.BigEndian.Uint64(key[len(key)-8:])}, err
}

// next returns the next posting; ok is false at the end.
func (r *blockReader) next() (p posting, ok bool, err error) {
	if r.left == 0 {
		return p, false, nil
	}
	var v [3]uint64
	for i := range v {
		x, k := binary.Uvarint(r.buf)
		if k <= 0 {
			return p, false, fmt.Errorf("storage: search index: a block ends early")
		}
		v[i], r.buf = x, r.buf[k:]
	}
	r.left--
	r.last += v[0]
	return posting{id: r.last, weight: uint32(v[1]), length: uint32(v[2])}, true, nil
}

// lastBlock is the term's last block, nil when it has none.
func lastBlock(c *bbolt.Cursor, prefix []byte) (k, v []byte) {
	if k, _ = c.Seek(blockKey(prefix, math.MaxUint64)); k == nil { // (no id is that high)
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if !isBlock(k, prefix) {
		return nil, nil
	}
	return k, v
}

// termDF is how many ideas hold the term whose prefix is given.
func termDF(c *bbolt.Cursor, prefix []byte) (int, error) {
	k, v := lastBlock(c, prefix)
	if k == nil {
		return 0, nil
	}
	_, df, _, err := blockHeader(k, v)
	return int(df), err
}

// setDF writes the term's df into its last block.
func setDF(b *bbolt.Bucket, c *bbolt.Cursor, prefix []byte, df int) error {
	k, v := lastBlock(c, prefix)
	if k == nil {
		return nil
	}
	count, old, rest, err := blockHeader(k, v)
	if err != nil || old == uint64(df) {
		return err
	}
	val := binary.AppendUvarint(binary.AppendUvarint(make([]byte, 0, len(v)+4), count), uint64(df))
	return b.Put(k, append(val, rest...))
}

func errDamagedBlock(key []byte) error {
	return fmt.Errorf("storage: search index: block %s does not decode", keyName(key))
}

func decodeBlock(key, val []byte) ([]posting, error) {
	r, err := newBlockReader(key, val)
	if err != nil {
		return nil, err
	}
	out := make([]posting, 0, r.left+1)
	for {
		p, ok, err := r.next()
		if err != nil || !ok {
			return out, err
		}
		out = append(out, p)
	}
}

func encodeBlock(ps []posting, df int) []byte {
	buf := binary.AppendUvarint(make([]byte, 0, 6+len(ps)*4), uint64(len(ps)))
	buf = binary.AppendUvarint(buf, uint64(df))
	prev := ps[0].id
	for _, p := range ps {
		buf = binary.AppendUvarint(buf, p.id-prev)
		buf = binary.AppendUvarint(buf, uint64(p.weight))
		buf = binary.AppendUvarint(buf, uint64(p.length))
		prev = p.id
	}
	return buf
}

// findBlock returns the block of the term that holds id's place: the last
// that starts at or before id, else the term's first; nil when the term
// has none. The key and postings are copies, free to change.
func findBlock(b *bbolt.Bucket, prefix []byte, id uint64) ([]byte, []posting, error) {
	c := b.Cursor()
	want := blockKey(prefix, id)
	k, v := c.Seek(want)
	if !bytes.Equal(k, want) {
		var pk, pv []byte
		if k == nil {
			pk, pv = c.Last()
		} else {
			pk, pv = c.Prev()
		}
		if isBlock(pk, prefix) {
			k, v = pk, pv
		} else {
			// The cursor moved: seek again for the first block after id.
			k, v = c.Seek(want)
		}
	}
	if !isBlock(k, prefix) {
		return nil, nil, nil
	}
	ps, err := decodeBlock(k, v)
	return bytes.Clone(k), ps, err
}

// putBlocks writes the postings of a term that were in the block at old
// (nil for none), in as many blocks as they need, with the term's df.
func putBlocks(b *bbolt.Bucket, prefix, old []byte, ps []posting, df int) error {
	if old != nil {
		if err := b.Delete(old); err != nil {
			return err
		}
	}
	for len(ps) > 0 {
		n := min(len(ps), blockSize) // ids only grow: a full block stays full
		if err := b.Put(blockKey(prefix, ps[0].id), encodeBlock(ps[:n], df)); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// indexIdea adds an idea's terms to the index (or, with remove, takes
// them out).
func (tx *Tx) indexIdea(idea Idea, remove bool) error {
	b := tx.tx.Bucket(bucketSearch)
	c := b.Cursor()
	terms, length := docTerms(idea.Title, idea.Description)
	var prefix, scratch []byte
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		prefix = append(append(prefix[:0], term...), 0)
		p := posting{idea.ID, terms[term], length}
		if !remove {
			scratch = appendBlockKey(scratch[:0], prefix, p.id)
			done, err := appendPosting(b, c, prefix, scratch, p)
			if err != nil {
				return err
			}
			if done {
				continue
			}
		}
		key, ps, err := findBlock(b, prefix, idea.ID)
		if err != nil {
			return err
		}
		i, found := slices.BinarySearchFunc(ps, idea.ID, func(p posting, id uint64) int { return cmp.Compare(p.id, id) })
		df, err := termDF(c, prefix)
		if err != nil {
			return err
		}
		switch {
		case remove && !found:
			continue
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
		if err := setDF(b, c, prefix, df); err != nil { // the last block may be another
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
	last, i := binary.BigEndian.Uint64(k[len(k)-8:]), 0
	for range count {
		for j := range 3 {
			x, w := binary.Uvarint(rest[i:])
			if w <= 0 {
				return false, errDamagedBlock(k)
			}
			if j == 0 {
				last += x
			}
			i += w
		}
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
	if old != nil && old.Title == idea.Title && old.Description == idea.Description {
		return nil
	}
	if old != nil {
		if err := tx.indexIdea(*old, true); err != nil {
			return err
		}
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
	err := (&Tx{tx: tx}).EachIdea(func(idea Idea) error {
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
