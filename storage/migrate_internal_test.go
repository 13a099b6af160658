package storage

import (
	"maps"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// snapshot is a bucket's keys and values.
func snapshot(t *testing.T, db *DB, name []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(name).ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A file of the first version (no indexes, no counters) opened by this
// program comes out as if it had been written by it: the migrations
// rebuild every index and counter the later versions added.
func TestMigrations_FromVersionOneRebuildWhatLaterVersionsKeep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.SyncOrg(Org{Units: []OrgUnit{{Code: "VP", Name: "Văn phòng Sở", Heads: []int64{2001}}}, Admins: []int64{1001}, Directors: []int64{1002}})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *Tx) error {
		adm, _, _ := tx.Member(1001)
		if _, err := tx.RequestJoin(5001, "VP", "Nguyễn Văn An"); err != nil {
			return err
		}
		an, err := tx.DecideJoin(adm, 5001, true)
		if err != nil {
			return err
		}
		for _, title := range []string{"Tắt điều hòa khi rời phòng", "In hai mặt"} {
			if _, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: title, Description: "Mô tả.", EstSavings: 1_000_000}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	added := [][]byte{bucketIdeasUnit, bucketIdeasStatus, bucketRoles, bucketStats, bucketSearch}
	want := map[string]map[string]string{}
	for _, name := range added {
		want[string(name)] = snapshot(t, db, name)
		if len(want[string(name)]) == 0 {
			t.Fatalf("bucket %s is empty before the test: nothing to rebuild", name)
		}
	}
	// Back to version 1: what the later versions added is not there.
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		for _, name := range added {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Version(); v != SchemaVersion {
		t.Errorf("version %d after opening; want %d", v, SchemaVersion)
	}
	for _, name := range added {
		if got := snapshot(t, db, name); !maps.Equal(got, want[string(name)]) {
			t.Errorf("bucket %s after the migrations:\n%q\nwant\n%q", name, got, want[string(name)])
		}
	}
}
