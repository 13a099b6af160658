package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"go.etcd.io/bbolt"
)

// The search index's blocks (search.go): their keys, their encoding, and
// finding a term's blocks.

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
