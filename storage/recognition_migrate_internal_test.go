package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// A file of schema 8 (ideas "accepted" by the director, "rejected" by a
// head or by the director) opened by this program: accepted becomes
// approved for application, each refusal is named for its step, the
// status index follows, and no idea is recognised.
func TestMigrations_EightToNineNamesTheLawsStatesAndRecognisesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v8.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vpWithAn(t, db)
	var ids []uint64
	err = db.Update(func(tx *Tx) error {
		an, _, _ := tx.Member(5001)
		head, _, _ := tx.Member(2001)
		dir, _, _ := tx.Member(1002)
		for i := 0; i < 4; i++ {
			idea, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: "Ý tưởng", Description: "Mô tả.", EstSavings: 1_000_000})
			if err != nil {
				return err
			}
			ids = append(ids, idea.ID)
			switch i {
			case 0: // the head's refusal
				_, err = tx.DecideIdea(head, idea.ID, Decision{Action: ActReject, Reason: "Không khả thi"})
			case 1, 2: // accepted; the third also applied
				if _, err = tx.DecideIdea(head, idea.ID, Decision{Action: ActEndorse}); err == nil {
					_, err = tx.DecideIdea(dir, idea.ID, Decision{Action: ActAccept, Scores: Scores{5, 5, 5}})
				}
				if err == nil && i == 2 {
					_, err = tx.ReportProgress(an, Progress{IdeaID: idea.ID, Percent: 100, Saved: 2_000_000})
				}
			case 3: // the director's refusal
				if _, err = tx.DecideIdea(head, idea.ID, Decision{Action: ActEndorse}); err == nil {
					_, err = tx.DecideIdea(dir, idea.ID, Decision{Action: ActReject, Reason: "Chưa khả thi"})
				}
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Back to schema 8: the old words, in the records and the index.
	old := map[IdeaStatus]IdeaStatus{IdeaApproved: "accepted", IdeaNotProposed: "rejected", IdeaNotApproved: "rejected"}
	db = rewind(t, db, 8, Options{}, func(tx *bbolt.Tx) error {
		b, idx := tx.Bucket(bucketIdeas), tx.Bucket(bucketIdeasStatus)
		for _, id := range ids {
			var idea Idea
			if err := json.Unmarshal(b.Get(u64(id)), &idea); err != nil {
				return err
			}
			if o, ok := old[idea.Status]; ok {
				idx.Delete(unitIndexKey(string(idea.Status), id))
				idx.Put(unitIndexKey(string(o), id), nil)
				idea.Status = o
			}
			for i, e := range idea.History {
				if o, ok := old[e.Status]; ok {
					idea.History[i].Status = o
				}
			}
			if err := putJSON(b, u64(id), idea); err != nil {
				return err
			}
		}
		return nil
	})
	want := []IdeaStatus{IdeaNotProposed, IdeaApproved, IdeaDone, IdeaNotApproved}
	db.View(func(tx *Tx) error {
		for i, id := range ids {
			idea, err := tx.Idea(id)
			if err != nil {
				t.Fatal(err)
			}
			if idea.Status != want[i] || idea.Recognition != nil {
				t.Errorf("SK-%d after the migration: %s, recognition %v; want %s, none", id, idea.Status, idea.Recognition, want[i])
			}
			for _, e := range idea.History {
				if e.Status == "accepted" || e.Status == "rejected" || e.Status == IdeaRecognised {
					t.Errorf("SK-%d keeps a step %q in its history", id, e.Status)
				}
			}
			got, _, _ := tx.Ideas(IdeaFilter{Status: want[i], Match: func(x Idea) bool { return x.ID == id }}, 1)
			if len(got) != 1 {
				t.Errorf("SK-%d not found under %s in the status index", id, want[i])
			}
		}
		for _, st := range []IdeaStatus{"accepted", "rejected", IdeaRecognised} {
			if _, n, _ := tx.Ideas(IdeaFilter{Status: st}, 10); n != 0 {
				t.Errorf("%d ideas under %q after the migration; want none", n, st)
			}
		}
		tx.statsWithPrefix("rec|", func(rest string, v int64) {
			t.Errorf("a recognised initiative counted after the migration: rec|%s = %d", rest, v)
		})
		return nil
	})
}
