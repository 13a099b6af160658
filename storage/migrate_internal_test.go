package storage

import (
	"maps"
	"path/filepath"
	"testing"
	"time"

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

// rewind makes db's file as an older version wrote it: undo changes the
// records the way that version kept them, the schema version is set to
// version, and the file is opened again with opt, so its migrations run.
// The reopened database is closed when the test ends.
func rewind(t *testing.T, db *DB, version uint64, opt Options, undo func(*bbolt.Tx) error) *DB {
	t.Helper()
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		if err := undo(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(version))
	})
	if err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	db, err = Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A file of the first version (no indexes, no counters) opened by this
// program comes out as if it had been written by it: the migrations
// rebuild every index and counter the later versions added.
func TestMigrations_FromVersionOneRebuildWhatLaterVersionsKeep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vpWithAn(t, db)
	err = db.Update(func(tx *Tx) error {
		an, _, _ := tx.Member(5001)
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
	if err := db.DrainSearchQueue(); err != nil { // the ideas' words written to the index
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
	db = rewind(t, db, 1, Options{}, func(tx *bbolt.Tx) error {
		for _, name := range added {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return nil
	})
	if v, _ := db.Version(); v != SchemaVersion {
		t.Errorf("version %d after opening; want %d", v, SchemaVersion)
	}
	for _, name := range added {
		if got := snapshot(t, db, name); !maps.Equal(got, want[string(name)]) {
			t.Errorf("bucket %s after the migrations:\n%q\nwant\n%q", name, got, want[string(name)])
		}
	}
}

// A file of version 6 counted a rejected idea in the estimated savings,
// and a withdrawn one kept its submission's point: opened by this program,
// its counters drop the dead idea at once, and the scoring stamp is gone,
// so the bot's SyncScoring rebuilds the points (and the counters, in its
// zone) when it starts.
func TestMigrations_SixToSevenCountsOnlyLiveIdeas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.db")
	db, err := Open(path, Options{Scoring: Scoring{Submitted: 1}})
	if err != nil {
		t.Fatal(err)
	}
	vpWithAn(t, db)
	err = db.Update(func(tx *Tx) error {
		an, _, _ := tx.Member(5001)
		head, _, _ := tx.Member(2001)
		for i, est := range []int64{180_000_000, 6_000_000} {
			idea, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: "Ý tưởng", Description: "Mô tả.", EstSavings: est})
			if err != nil {
				return err
			}
			if i == 0 {
				if _, err := tx.DecideIdea(head, idea.ID, Decision{Action: ActReject, Reason: "Không khả thi"}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncScoring(); err != nil {
		t.Fatal(err)
	}
	year := PeriodOf(Year, db.Now(), time.UTC)
	// As version 6 kept it: the rejected idea's 180 tr in the estimate.
	db = rewind(t, db, 6, Options{Scoring: Scoring{Submitted: 1}}, func(tx *bbolt.Tx) error {
		return addInt(tx.Bucket(bucketStats), statKey("e", year), 180_000_000)
	})
	db.View(func(tx *Tx) error {
		if got := tx.stat("e", year); got != 6_000_000 {
			t.Errorf("estimate after the migration = %d; want 6000000 (the live idea only)", got)
		}
		return nil
	})
	if rebuilt, err := db.SyncScoring(); err != nil || !rebuilt {
		t.Errorf("SyncScoring after the migration = %v, %v; want a rebuild", rebuilt, err)
	}
}
