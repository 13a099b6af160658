package storage

import (
	"testing"

	"go.etcd.io/bbolt"
)

// vpWithAn brings db to the organisation the internal tests share: VP
// with head 2001, admin 1001, director 1002, and Nguyễn Văn An (5001)
// approved into VP.
func vpWithAn(t *testing.T, db *DB) {
	t.Helper()
	err := db.SyncOrg(Org{Units: []OrgUnit{{Code: "VP", Name: "Văn phòng Sở", Heads: []int64{2001}}}, Admins: []int64{1001}, Directors: []int64{1002}})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *Tx) error {
		adm, _, _ := tx.Member(1001)
		if _, err := tx.RequestJoin(5001, "VP", "Nguyễn Văn An"); err != nil {
			return err
		}
		_, err := tx.DecideJoin(adm, 5001, true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rebuildSearchIndex drops the search index and builds it again from the
// ideas, as the migration does.
func rebuildSearchIndex(t *testing.T, db *DB) {
	t.Helper()
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket(bucketSearch); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketSearch); err != nil {
			return err
		}
		return buildSearchIndex(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}
