package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"go.etcd.io/bbolt"
)

// How records are written into the file and read back: JSON values under
// 8-byte big-endian ids, and a damaged one named by its bucket and key.

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// getJSON reads the record at key in bucket into v, and reports whether
// there is one.
func (tx *Tx) getJSON(bucket, key []byte, v any) (bool, error) {
	data := tx.tx.Bucket(bucket).Get(key)
	if data == nil {
		return false, nil
	}
	return true, decode(bucket, key, data, v)
}

// getRecord reads the record at key in bucket; a missing one is the error
// missing makes (called only then).
func getRecord[T any](tx *Tx, bucket, key []byte, missing func() error) (T, error) {
	var v T
	ok, err := tx.getJSON(bucket, key, &v)
	if err == nil && !ok {
		err = missing()
	}
	return v, err
}

// decode reads the JSON record stored at key in bucket into v. One that
// does not decode is named, so that a damaged file says where.
func decode(bucket, key, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("storage: decode %s/%s: %w", bucket, keyName(key), err)
	}
	return nil
}

// keyName writes a key as people read it: text as it is, an 8-byte id as
// its number, anything else quoted (an index key: a name, 0, an id).
func keyName(key []byte) string {
	printable := utf8.Valid(key)
	for _, r := range string(key) {
		printable = printable && unicode.IsPrint(r)
	}
	switch {
	case printable:
		return string(key)
	case len(key) == 8:
		return strconv.FormatUint(binary.BigEndian.Uint64(key), 10)
	}
	return strconv.Quote(string(key))
}

func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}
