package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"go.etcd.io/bbolt"
)

// PeriodKind is the length of a leaderboard's period.
type PeriodKind byte

// The periods totals are kept for.
const (
	Month   PeriodKind = 'M'
	Quarter PeriodKind = 'Q'
	Year    PeriodKind = 'Y'
)

// PeriodOf names the month, quarter or year t falls in, in loc: M2026-11,
// Q2026-4, Y2026.
func PeriodOf(kind PeriodKind, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	switch kind {
	case Month:
		return fmt.Sprintf("M%04d-%02d", t.Year(), t.Month())
	case Quarter:
		return fmt.Sprintf("Q%04d-%d", t.Year(), (int(t.Month())+2)/3)
	}
	return fmt.Sprintf("Y%04d", t.Year())
}

// YearKey names a year as PeriodOf does: Y2026.
func YearKey(year int) string { return fmt.Sprintf("Y%04d", year) }

// Points keys: 'm' or 'u', the period, 0, then the member id or unit code.
func pointsKey(who byte, period string, id []byte) []byte {
	return append(append(append([]byte{who}, period...), 0), id...)
}

// addInt adds delta to the 8-byte counter at key.
func addInt(b *bbolt.Bucket, key []byte, delta int64) error {
	var v int64
	if old := b.Get(key); old != nil {
		v = int64(binary.BigEndian.Uint64(old))
	}
	return b.Put(key, u64(uint64(v+delta)))
}

// award adds points earned at t to a member (when not 0) and to a unit
// (when not ""), in the totals of t's month, quarter and year. It runs in
// the transaction of the event that earns them, so a leaderboard is read,
// never recomputed.
func (tx *Tx) award(member int64, unit string, at time.Time, pts int) error {
	if pts == 0 {
		return nil
	}
	b := tx.tx.Bucket(bucketPoints)
	for _, k := range []PeriodKind{Month, Quarter, Year} {
		period := PeriodOf(k, at, tx.db.opt.Loc)
		if member != 0 {
			if err := addInt(b, pointsKey('m', period, u64(uint64(member))), int64(pts)); err != nil {
				return err
			}
		}
		if unit != "" {
			if err := addInt(b, pointsKey('u', period, []byte(unit)), int64(pts)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Score is one line of a leaderboard.
type Score struct {
	Member int64  // for members
	Unit   string // for units
	Points int64
	Rank   int
}

// Ranking returns every member's (or every unit's, when units) points for
// a period, best first, ranked (equal points share a rank, and keep the
// order of their ids). Those whose points add up to 0 are left out.
func (tx *Tx) Ranking(period string, units bool) ([]Score, error) {
	who := byte('m')
	if units {
		who = 'u'
	}
	prefix := pointsKey(who, period, nil)
	var out []Score
	c := tx.tx.Bucket(bucketPoints).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		s := Score{Points: int64(binary.BigEndian.Uint64(v))}
		if s.Points == 0 {
			continue // earned and given back (a withdrawn idea): no points
		}
		id := k[len(prefix):]
		if units {
			s.Unit = string(id)
		} else {
			s.Member = int64(binary.BigEndian.Uint64(id))
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Points > out[j].Points })
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].Points == out[i-1].Points {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out, nil
}

// Points returns every stored total, by key (for tests and rebuilds).
func (tx *Tx) Points() map[string]int64 {
	out := map[string]int64{}
	tx.tx.Bucket(bucketPoints).ForEach(func(k, v []byte) error {
		out[string(k)] = int64(binary.BigEndian.Uint64(v))
		return nil
	})
	return out
}

// FirstYear is the first year anyone earned points in: where the
// movement's data begins. ok is false before any point was earned.
func (tx *Tx) FirstYear() (year int, ok bool) {
	c := tx.tx.Bucket(bucketPoints).Cursor()
	for _, who := range []byte{'m', 'u'} {
		prefix := []byte{who, byte(Year)}
		k, _ := c.Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) || len(k) < 6 {
			continue
		}
		y, err := strconv.Atoi(string(k[2:6]))
		if err == nil && (!ok || y < year) {
			year, ok = y, true
		}
	}
	return year, ok
}

// recomputePoints rebuilds every total from history: the ideas' events,
// the progress reports, the praise and the unit reports. It is what the
// stored totals must always equal, and how they are rebuilt when the
// scoring changes.
func (tx *Tx) recomputePoints() error {
	if err := tx.tx.DeleteBucket(bucketPoints); err != nil {
		return err
	}
	if _, err := tx.tx.CreateBucket(bucketPoints); err != nil {
		return err
	}
	sc := tx.db.opt.Scoring
	err := tx.tx.Bucket(bucketIdeas).ForEach(func(k, v []byte) error {
		var idea Idea
		if err := decode(bucketIdeas, k, v, &idea); err != nil {
			return err
		}
		for _, e := range idea.History {
			if err := tx.award(idea.Author, idea.Unit, e.EarnedAt(idea), sc.Points(e.Deed())); err != nil {
				return err
			}
		}
		progress, err := tx.ProgressOf(idea.ID)
		if err != nil {
			return err
		}
		var saved int64
		for _, p := range progress {
			if err := tx.award(idea.Author, idea.Unit, p.At, sc.Points(SavedDeed(saved, p.Saved))); err != nil {
				return err
			}
			saved = p.Saved
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = tx.Praises(func(p Praise) bool {
		err = tx.award(p.Member, p.Unit, p.At, sc.Points(Deed{Kind: DeedPraised}))
		return err == nil
	})
	if err != nil {
		return err
	}
	return tx.tx.Bucket(bucketReports).ForEach(func(k, v []byte) error {
		var r Report
		if err := decode(bucketReports, k, v, &r); err != nil {
			return err
		}
		return tx.award(0, r.Unit, r.FirstAt(), sc.Points(r.Deed()))
	})
}

var keyScoring = []byte("scoring")

// SyncScoring rebuilds the totals (and the summary counters) when the
// scoring table or the time zone differs from the ones they were kept
// with, and reports whether it did.
func (db *DB) SyncScoring() (bool, error) {
	want, _ := json.Marshal(struct {
		Scoring
		Loc string
	}{db.opt.Scoring, db.opt.Loc.String()})
	rebuilt := false
	err := db.Update(func(tx *Tx) error {
		meta := tx.tx.Bucket(bucketMeta)
		if bytes.Equal(meta.Get(keyScoring), want) {
			return nil
		}
		rebuilt = true
		if err := tx.recomputePoints(); err != nil {
			return err
		}
		if err := tx.recomputeStats(); err != nil {
			return err
		}
		return meta.Put(keyScoring, want)
	})
	return rebuilt, err
}
