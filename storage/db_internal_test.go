package storage

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

// A record that does not decode says which bucket and key it is, and keeps
// the decoder's error for errors.As; the bot treats it as internal.
func TestDecode_ErrorNamesBucketAndKey(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(bucketMembers).Put(u64(5001), []byte(`{"user_id": 5001,`)); err != nil {
			return err
		}
		return tx.Bucket(bucketUnits).Put([]byte("VP"), []byte(`{"code": 7}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		read func(tx *Tx) error
		want string
	}{
		{"Member", func(tx *Tx) error { _, _, err := tx.Member(5001); return err }, "storage: decode members/5001: "},
		{"Members", func(tx *Tx) error { return tx.Members(func(Member) bool { return true }) }, "storage: decode members/5001: "},
		{"Unit", func(tx *Tx) error { _, _, err := tx.Unit("VP"); return err }, "storage: decode units/VP: "},
		{"Units", func(tx *Tx) error { _, err := tx.Units(); return err }, "storage: decode units/VP: "},
	} {
		err := db.View(tc.read)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want one starting %q", tc.name, err, tc.want)
		}
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		if !errors.As(err, &syntax) && !errors.As(err, &typ) {
			t.Errorf("%s: error %v does not wrap the decoder's", tc.name, err)
		}
		if ErrorCode(err) != EInternal {
			t.Errorf("%s: ErrorCode = %q; want %q", tc.name, ErrorCode(err), EInternal)
		}
	}
}

func TestKeyName(t *testing.T) {
	for _, tc := range []struct {
		key  []byte
		want string
	}{
		{u64(42), "42"},
		{[]byte("VP"), "VP"},
		{[]byte("han-quy@1767200400|CNTT"), "han-quy@1767200400|CNTT"},
		{unitIndexKey("VP", 3), `"VP\x00\x00\x00\x00\x00\x00\x00\x00\x03"`},
	} {
		if got := keyName(tc.key); got != tc.want {
			t.Errorf("keyName(%q) = %q; want %q", tc.key, got, tc.want)
		}
	}
}
