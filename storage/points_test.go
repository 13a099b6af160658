package storage_test

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"thiduabot/storage"
)

var scoring = storage.Scoring{Submitted: 1, Endorsed: 2, Accepted: 5, PerScorePoint: 1, Done: 5, PerMillionSaved: 1, Praise: 3, ReportOnTime: 5, ReportLate: 1}

func pointsDB(t *testing.T) (*storage.DB, *time.Time) {
	t.Helper()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 3, 9, 0, 0, 0, loc)
	db := MustOpen(t, storage.Options{Scoring: scoring, Loc: loc, Clock: func() time.Time { return now }})
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	err := db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(1001)
		for _, id := range []int64{5001, 5002, 5003} {
			unit := map[int64]string{5001: "VP", 5002: "VP", 5003: "CNTT"}[id]
			if _, err := tx.RequestJoin(id, unit, "Cán bộ Thử"); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(adm, id, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, &now
}

func member(tx *storage.Tx, id int64) storage.Member { m, _, _ := tx.Member(id); return m }

func TestPoints_AfterEachKindOfEvent(t *testing.T) {
	db, _ := pointsDB(t)
	total := func(id int64, unit string) (int64, int64) {
		var m, u int64
		db.View(func(tx *storage.Tx) error {
			ms, _ := tx.Ranking("M2026-11", false)
			for _, s := range ms {
				if s.Member == id {
					m = s.Points
				}
			}
			us, _ := tx.Ranking("M2026-11", true)
			for _, s := range us {
				if s.Unit == unit {
					u = s.Points
				}
			}
			return nil
		})
		return m, u
	}
	step := func(name string, fn func(tx *storage.Tx) error, wantMember, wantUnit int64) {
		t.Helper()
		if err := db.Update(fn); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m, u := total(5001, "VP"); m != wantMember || u != wantUnit {
			t.Errorf("after %s: member %d, unit %d; want %d, %d", name, m, u, wantMember, wantUnit)
		}
	}
	step("submit", func(tx *storage.Tx) error {
		_, err := tx.SubmitIdea(member(tx, 5001), storage.Idea{Theme: storage.ThemeThrift, Title: "A", Description: "a"})
		return err
	}, 1, 1)
	step("endorse", func(tx *storage.Tx) error {
		_, err := tx.DecideIdea(member(tx, 2001), 1, storage.Decision{Action: storage.ActEndorse})
		return err
	}, 3, 3)
	step("accept 8+7+9", func(tx *storage.Tx) error {
		_, err := tx.DecideIdea(member(tx, 1002), 1, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 8, Applicability: 7, Benefit: 9}})
		return err
	}, 32, 32)
	step("progress, 2.5 million saved", func(tx *storage.Tx) error {
		_, err := tx.ReportProgress(member(tx, 5001), storage.Progress{IdeaID: 1, Percent: 50, Saved: 2_500_000})
		return err
	}, 34, 34)
	step("done, 4 million saved", func(tx *storage.Tx) error {
		_, err := tx.ReportProgress(member(tx, 5001), storage.Progress{IdeaID: 1, Percent: 100, Saved: 4_000_000})
		return err
	}, 41, 41)
	step("praise of the member", func(tx *storage.Tx) error {
		_, err := tx.AddPraise(member(tx, 1002), storage.Praise{Member: 5001, Reason: "Tốt"})
		return err
	}, 44, 44)
	step("praise of the unit", func(tx *storage.Tx) error {
		_, err := tx.AddPraise(member(tx, 1002), storage.Praise{Unit: "VP", Reason: "Tốt"})
		return err
	}, 44, 47)
	step("another idea submitted", func(tx *storage.Tx) error {
		_, err := tx.SubmitIdea(member(tx, 5001), storage.Idea{Theme: storage.ThemeThrift, Title: "B", Description: "b"})
		return err
	}, 45, 48)
	step("withdrawn: its submission's point given back", func(tx *storage.Tx) error {
		_, err := tx.DecideIdea(member(tx, 5001), 2, storage.Decision{Action: storage.ActWithdraw})
		return err
	}, 44, 47)
}

// TestPoints_EqualRecomputationFromHistory is a property test: after any
// sequence of events, at times across months, quarters and years, the
// totals kept as things happen equal those rebuilt from history.
func TestPoints_EqualRecomputationFromHistory(t *testing.T) {
	for seed := uint64(1); seed <= 25; seed++ {
		db, now := pointsDB(t)
		rng := rand.New(rand.NewPCG(seed, 7))
		authors := []int64{5001, 5002, 5003}
		for i := 0; i < 40; i++ {
			*now = now.Add(time.Duration(rng.IntN(20*24)) * time.Hour)
			db.Update(func(tx *storage.Tx) error {
				ideas, n, _ := tx.Ideas(storage.IdeaFilter{}, 1000)
				var idea storage.Idea
				if n > 0 {
					idea = ideas[rng.IntN(n)]
				}
				switch rng.IntN(9) {
				case 0:
					tx.SubmitIdea(member(tx, authors[rng.IntN(3)]), storage.Idea{Theme: storage.ThemeThrift, Title: "A", Description: "a"})
				case 1:
					heads, _ := tx.UnitHeads(idea.Unit)
					if len(heads) > 0 {
						tx.DecideIdea(heads[0], idea.ID, storage.Decision{Action: storage.ActEndorse})
					}
				case 2:
					tx.DecideIdea(member(tx, 1002), idea.ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 1 + rng.IntN(10), Applicability: 1 + rng.IntN(10), Benefit: 1 + rng.IntN(10)}})
				case 3:
					tx.ReportProgress(member(tx, idea.Author), storage.Progress{IdeaID: idea.ID, Percent: 10 * rng.IntN(11), Saved: int64(rng.IntN(9_000_000))})
				case 4:
					if rng.IntN(2) == 0 {
						tx.AddPraise(member(tx, 1002), storage.Praise{Member: authors[rng.IntN(3)], Reason: "Tốt"})
					} else {
						tx.AddPraise(member(tx, 1002), storage.Praise{Unit: "CNTT", Reason: "Tốt"})
					}
				case 5:
					tx.AuditRefusal(0, "nothing")
				case 6: // gives the submission's point back
					tx.DecideIdea(member(tx, idea.Author), idea.ID, storage.Decision{Action: storage.ActWithdraw})
				case 7:
					heads, _ := tx.UnitHeads(idea.Unit)
					if len(heads) > 0 {
						tx.DecideIdea(heads[0], idea.ID, storage.Decision{Action: []string{storage.ActReturn, storage.ActReject}[rng.IntN(2)], Reason: "Chưa rõ"})
					}
				case 8:
					tx.DecideIdea(member(tx, 1002), idea.ID, storage.Decision{Action: storage.ActReject, Reason: "Trùng"})
				}
				return nil
			})
		}
		var kept, rebuilt map[string]int64
		db.Update(func(tx *storage.Tx) error {
			kept = tx.Points()
			if err := storage.RecomputePoints(tx); err != nil {
				t.Fatal(err)
			}
			rebuilt = tx.Points()
			return nil
		})
		if len(kept) == 0 {
			t.Fatalf("seed %d: no points at all; the test shows nothing", seed)
		}
		if !reflect.DeepEqual(kept, rebuilt) {
			t.Errorf("seed %d: kept totals differ from history:\nkept    %v\nrebuilt %v", seed, kept, rebuilt)
		}
	}
}

func TestPoints_PeriodsFollowTheOrganisationsZone(t *testing.T) {
	db, now := pointsDB(t)
	for _, at := range []time.Time{
		time.Date(2026, 11, 30, 23, 30, 0, 0, db.Loc()), // 16:30 UTC: still November in Hà Nội
		time.Date(2026, 12, 1, 0, 30, 0, 0, db.Loc()),   // 17:30 UTC on 30 November: December here
		time.Date(2027, 1, 1, 6, 0, 0, 0, db.Loc()),
	} {
		*now = at
		db.Update(func(tx *storage.Tx) error {
			_, err := tx.SubmitIdea(member(tx, 5001), storage.Idea{Theme: storage.ThemeThrift, Title: "A", Description: "a"})
			return err
		})
	}
	db.View(func(tx *storage.Tx) error {
		for period, want := range map[string]int64{"M2026-11": 1, "M2026-12": 1, "Q2026-4": 2, "Y2026": 2, "Y2027": 1, "Q2027-1": 1} {
			r, _ := tx.Ranking(period, false)
			if len(r) != 1 || r[0].Points != want {
				t.Errorf("%s: %+v; want one member with %d", period, r, want)
			}
		}
		return nil
	})
}

func TestSyncScoring_RebuildsOnlyWhenTheTableChanges(t *testing.T) {
	db, _ := pointsDB(t)
	if rebuilt, err := db.SyncScoring(); err != nil || !rebuilt {
		t.Fatalf("first SyncScoring = %v, %v; want a rebuild", rebuilt, err)
	}
	if rebuilt, _ := db.SyncScoring(); rebuilt {
		t.Error("rebuilt with the same table")
	}
	db.Update(func(tx *storage.Tx) error {
		_, err := tx.SubmitIdea(member(tx, 5001), storage.Idea{Theme: storage.ThemeThrift, Title: "A", Description: "a"})
		return err
	})
	// The organisation changes its table: the file is opened with the new one.
	path, loc := db.Path(), db.Loc()
	db.Close()
	changed := scoring
	changed.Submitted = 10
	db, err := storage.Open(path, storage.Options{Scoring: changed, Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rebuilt, _ := db.SyncScoring(); !rebuilt {
		t.Fatal("no rebuild after the table changed")
	}
	db.View(func(tx *storage.Tx) error {
		r, _ := tx.Ranking("M2026-11", false)
		if len(r) != 1 || r[0].Points != 10 {
			t.Errorf("after the rebuild: %+v; want 10 points", r)
		}
		return nil
	})
}

func TestStats_EqualRecomputationFromHistory(t *testing.T) {
	db, now := pointsDB(t)
	rng := rand.New(rand.NewPCG(3, 9))
	for i := 0; i < 60; i++ {
		*now = now.Add(time.Duration(rng.IntN(10*24)) * time.Hour)
		db.Update(func(tx *storage.Tx) error {
			ideas, n, _ := tx.Ideas(storage.IdeaFilter{}, 1000)
			if n == 0 || rng.IntN(3) == 0 {
				_, err := tx.SubmitIdea(member(tx, 5001+int64(rng.IntN(3))), storage.Idea{Theme: storage.ThemeInfrastructure, Title: "A", Description: "a", EstSavings: int64(rng.IntN(5_000_000))})
				return err
			}
			idea := ideas[rng.IntN(n)]
			heads, _ := tx.UnitHeads(idea.Unit)
			switch rng.IntN(4) { // dead ideas leave the estimate
			case 0:
				tx.DecideIdea(member(tx, idea.Author), idea.ID, storage.Decision{Action: storage.ActWithdraw})
			case 1:
				tx.DecideIdea(heads[0], idea.ID, storage.Decision{Action: storage.ActReject, Reason: "Trùng"})
			}
			tx.DecideIdea(heads[0], idea.ID, storage.Decision{Action: storage.ActEndorse})
			tx.DecideIdea(member(tx, 1002), idea.ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 5, Applicability: 5, Benefit: 5}})
			tx.ReportProgress(member(tx, idea.Author), storage.Progress{IdeaID: idea.ID, Percent: 10 * rng.IntN(10), Saved: int64(rng.IntN(9_000_000))})
			return nil
		})
	}
	var kept, rebuilt map[string]int64
	read := func(tx *storage.Tx) map[string]int64 {
		out := map[string]int64{}
		storage.StatsWithPrefix(tx, "", func(k string, v int64) {
			if v != 0 {
				out[k] = v
			}
		})
		return out
	}
	db.Update(func(tx *storage.Tx) error {
		kept = read(tx)
		if err := storage.RecomputeStats(tx); err != nil {
			t.Fatal(err)
		}
		rebuilt = read(tx)
		return nil
	})
	if len(kept) < 10 || !reflect.DeepEqual(kept, rebuilt) {
		t.Errorf("kept counters differ from history (or are too few to show anything):\nkept    %v\nrebuilt %v", kept, rebuilt)
	}
}

// The movement's data begins with the first point anyone earned; /commend
// refuses a year before it.
func TestFirstYear_TheFirstYearWithPoints(t *testing.T) {
	db, now := pointsDB(t)
	first := func() (int, bool) {
		var y int
		var ok bool
		db.View(func(tx *storage.Tx) error { y, ok = tx.FirstYear(); return nil })
		return y, ok
	}
	if y, ok := first(); ok {
		t.Errorf("FirstYear before any point = %d; want none", y)
	}
	submit := func(at time.Time) {
		t.Helper()
		*now = at
		err := db.Update(func(tx *storage.Tx) error {
			_, err := tx.SubmitIdea(member(tx, 5001), storage.Idea{Theme: storage.ThemeThrift, Title: "In hai mặt", Description: "In hai mặt giấy."})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	submit(time.Date(2026, 3, 1, 9, 0, 0, 0, db.Loc()))
	submit(time.Date(2027, 1, 5, 9, 0, 0, 0, db.Loc()))
	if y, ok := first(); !ok || y != 2026 {
		t.Errorf("FirstYear = %d, %v; want 2026", y, ok)
	}
	submit(time.Date(2024, 12, 31, 23, 30, 0, 0, db.Loc())) // in Hà Nội's zone, still 2024
	if y, _ := first(); y != 2024 {
		t.Errorf("FirstYear = %d; want 2024", y)
	}
}
