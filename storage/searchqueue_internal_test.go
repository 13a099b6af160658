package storage

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// holdDrainer keeps the background drainer from taking the queue, so that
// a test sees ideas waiting in it.
func holdDrainer(db *DB) {
	db.drain.mu.Lock()
	db.drain.closed = true
	db.drain.mu.Unlock()
}

// searchResult is what /tim and the similar-idea check see.
type searchResult struct {
	found    []uint64
	total    int
	similar  []uint64
	scores   []float64
	queueLen int
}

func searchNow(t *testing.T, db *DB, query, title, desc string) searchResult {
	t.Helper()
	var r searchResult
	err := db.View(func(tx *Tx) error {
		an, _, _ := tx.Member(5001)
		ideas, total, err := tx.SearchIdeas(an, ParseQuery(query), 0, 10)
		if err != nil {
			return err
		}
		for _, i := range ideas {
			r.found = append(r.found, i.ID)
		}
		r.total = total
		sim, err := tx.SimilarIdeas(title, desc, 0, 5)
		if err != nil {
			return err
		}
		for _, s := range sim {
			r.similar, r.scores = append(r.similar, s.Idea.ID), append(r.scores, s.Score)
		}
		r.queueLen = tx.tx.Bucket(bucketSearchQueue).Stats().KeyN
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// An idea committed but not yet written to the index (waiting in its
// queue) is found by a search and by the similar-idea check at once, as
// it will be once indexed: same ideas, same order, same scores. Draining
// the queue then leaves the index the one a rebuild makes.
func TestSearchQueue_WaitingIdeaIsFoundAsIfIndexed(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vpWithAn(t, db)
	submit := func(titles ...string) {
		t.Helper()
		err := db.Update(func(tx *Tx) error {
			an, _, _ := tx.Member(5001)
			for _, title := range titles {
				if _, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: title, Description: "Tắt đèn khi rời phòng làm việc."}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	submit("Tiết kiệm điện chiếu sáng", "In hai mặt giấy")
	if err := db.DrainSearchQueue(); err != nil {
		t.Fatal(err)
	}
	holdDrainer(db)
	submit("Tắt điều hòa khi về", "Tiết kiệm điện điều hòa")

	const query, title, desc = "điều hòa", "Tắt điều hòa khi ra về", "Tắt đèn khi rời phòng làm việc."
	waiting := searchNow(t, db, query, title, desc)
	if waiting.queueLen != 2 {
		t.Fatalf("%d ideas wait in the queue; want the 2 just submitted", waiting.queueLen)
	}
	if !slices.Contains(waiting.found, 3) || !slices.Contains(waiting.found, 4) || !slices.Contains(waiting.similar, 3) {
		t.Errorf("waiting in the queue, ideas 3 and 4: search found %v, the similar check %v; want both, and 3 alike", waiting.found, waiting.similar)
	}
	if err := db.DrainSearchQueue(); err != nil {
		t.Fatal(err)
	}
	indexed := searchNow(t, db, query, title, desc)
	if indexed.queueLen != 0 {
		t.Errorf("%d ideas still queued after the drain", indexed.queueLen)
	}
	waiting.queueLen = 0
	if fmt.Sprint(waiting) != fmt.Sprint(indexed) {
		t.Errorf("found while queued %+v; once indexed %+v", waiting, indexed)
	}
	kept := indexContents(t, db)
	rebuildSearchIndex(t, db)
	sameIndex(t, kept, indexContents(t, db))
}

// Ideas edited once in the index (written at once, in the edit's own
// transaction) and ideas edited while still queued (read as they are when
// drained) leave the index the one a rebuild makes, over many blocks.
func TestSearchQueue_EditsBeforeAndAfterIndexingEqualBuiltAfresh(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vpWithAn(t, db)
	var ids []uint64
	round := func(from, to int, edit func(i int) bool) {
		t.Helper()
		err := db.Update(func(tx *Tx) error {
			an, _, _ := tx.Member(5001)
			head, _, _ := tx.Member(2001)
			for i := from; i < to; i++ {
				idea, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: fmt.Sprintf("Tiết kiệm điện số %d", i%40), Description: "Tắt đèn khi về."})
				if err != nil {
					return err
				}
				ids = append(ids, idea.ID)
			}
			for i, id := range ids {
				if !edit(i) {
					continue
				}
				if _, err := tx.DecideIdea(head, id, Decision{Action: ActReturn, Reason: "Nói rõ hơn."}); err != nil {
					return err
				}
				idea, _ := tx.Idea(id)
				idea.Title, idea.Description = fmt.Sprintf("Tiết kiệm nước số %d", i), "Sửa vòi nước rò rỉ."
				if _, err := tx.ResubmitIdea(an, id, idea); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	holdDrainer(db)
	round(0, 2*blockSize+9, func(i int) bool { return i%29 == 3 }) // edited while queued
	if err := db.DrainSearchQueue(); err != nil {
		t.Fatal(err)
	}
	round(2*blockSize+9, 3*blockSize, func(i int) bool { return i%31 == 7 }) // the first ones indexed, the later queued
	kept := indexContents(t, db)
	rebuildSearchIndex(t, db)
	sameIndex(t, kept, indexContents(t, db))
}

// The drainer writes after the commits that kick it, on its own: a check
// of the file (the harness's, when the bot has stopped) never runs beside
// one of its commits, which bbolt's check would take for a damaged file.
func TestSearchQueue_CheckNeverRunsBesideADrain(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vpWithAn(t, db)
	for round := range 5 {
		err := db.Update(func(tx *Tx) error {
			an, _, _ := tx.Member(5001)
			for i := range 300 {
				if _, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: fmt.Sprintf("Tiết kiệm điện số %d %d", round, i), Description: "Tắt đèn khi về."}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for db.searchQueued() { // checks until the drainer has taken the queue
			if err := db.Check(); err != nil {
				t.Fatalf("round %d: check beside the drainer: %v", round, err)
			}
		}
	}
}
