package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// The index kept up as ideas come and change is the index built from the
// ideas at once: over many blocks of a term, with ideas edited in the
// middle of them (a returned idea resubmitted with other words).
func TestSearchIndex_KeptUpEqualsBuiltAfresh(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vpWithAn(t, db)
	err = db.Update(func(tx *Tx) error {
		an, _, _ := tx.Member(5001)
		head, _, _ := tx.Member(2001)
		for i := range 3*blockSize + 7 {
			idea, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: fmt.Sprintf("Tiết kiệm điện số %d", i%50), Description: "Tắt đèn khi về."})
			if err != nil {
				return err
			}
			if i%37 != 5 {
				continue
			}
			if _, err := tx.DecideIdea(head, idea.ID, Decision{Action: ActReturn, Reason: "Nói rõ hơn."}); err != nil {
				return err
			}
			edited := idea
			edited.Title, edited.Description = fmt.Sprintf("Tiết kiệm nước số %d", i), "Sửa vòi nước rò rỉ, tắt đèn."
			if i%2 == 0 { // the same words, put otherwise
				edited.Title, edited.Description = idea.Title, "Tắt  đèn  khi  về."
			}
			if _, err := tx.ResubmitIdea(an, idea.ID, edited); err != nil {
				return err
			}
		}
		// An edit in a block long since full.
		if _, err := tx.DecideIdea(head, 3, Decision{Action: ActReturn, Reason: "Nói rõ hơn."}); err != nil {
			return err
		}
		_, err = tx.ResubmitIdea(an, 3, Idea{Theme: ThemeThrift, Title: "Điện mặt trời", Description: "Lắp pin mặt trời."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	kept := indexContents(t, db)
	rebuildSearchIndex(t, db)
	sameIndex(t, kept, indexContents(t, db))
}

func sameIndex(t *testing.T, kept, built map[string][]posting) {
	t.Helper()
	if len(kept) != len(built) {
		t.Errorf("%d terms kept up; %d built", len(kept), len(built))
	}
	for term, want := range built {
		if got := kept[term]; !slices.Equal(got, want) {
			t.Errorf("term %q kept up as %v; built as %v", term, got, want)
		}
	}
}

// indexContents drains the queue and reads the index as each term's postings (and the counts
// under ""), checking that every block holds what its key says, in order.
func indexContents(t *testing.T, db *DB) map[string][]posting {
	t.Helper()
	if err := db.DrainSearchQueue(); err != nil { // the ideas still queued
		t.Fatal(err)
	}
	out := map[string][]posting{}
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSearch)
		docs, total := searchStats(b)
		out[""] = []posting{{id: docs, length: uint32(total)}}
		return b.ForEach(func(k, v []byte) error {
			if bytes.Equal(k, keySearchDocs) {
				return nil
			}
			term, _, _ := bytes.Cut(k, []byte{0})
			_, df, _, err := blockHeader(k, v)
			if err != nil {
				return err
			}
			out["df "+string(term)] = []posting{{weight: uint32(df)}} // the last block's is the term's
			ps, err := decodeBlock(k, v)
			if err != nil {
				return err
			}
			prev := out[string(term)]
			switch {
			case len(ps) == 0 || len(ps) > blockSize:
				t.Errorf("block %q holds %d postings", k, len(ps))
			case ps[0].id != binary.BigEndian.Uint64(k[len(k)-8:]):
				t.Errorf("block %q starts at %d", k, ps[0].id)
			case len(prev) > 0 && prev[len(prev)-1].id >= ps[0].id:
				t.Errorf("block %q starts before the block it follows ends", k)
			}
			out[string(term)] = append(prev, ps...)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for term, ps := range out {
		if df, ok := out["df "+term]; ok && int(df[0].weight) != len(ps) {
			t.Errorf("term %q has df %d and %d postings", term, df[0].weight, len(ps))
		}
	}
	return out
}

// A generated movement with varied texts (seed -varied) has an index that
// is what a rebuild makes, and its repeated ideas are found alike.
func TestSearchIndex_GeneratedVariedMovement(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := GenerateOptions{Units: 3, Members: 30, Ideas: 2000, Progress: 200, VariedTexts: true, Seed: 7,
		From: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)}
	if err := Generate(db, o, func(string) {}); err != nil {
		t.Fatal(err)
	}
	kept := indexContents(t, db)
	rebuildSearchIndex(t, db)
	sameIndex(t, kept, indexContents(t, db))
	titles := map[string]bool{}
	db.View(func(tx *Tx) error {
		last, _ := tx.Idea(2000)
		sim, err := tx.SimilarIdeas(last.Title, last.Description, last.ID, 3)
		if err != nil || len(sim) == 0 {
			t.Errorf("SimilarIdeas(%q) = %v, %v; want the ideas like it", last.Title, sim, err)
		}
		return tx.EachIdea(func(i Idea) error { titles[i.Title] = true; return nil })
	})
	if len(titles) < 200 {
		t.Errorf("2,000 generated ideas have %d titles; want them varied", len(titles))
	}
}
