package storage

import (
	"bytes"
	"encoding/binary"
	"time"
)

// Counters kept for summaries, by month, quarter and year, in the same
// transaction as the change they count, so a summary reads a few dozen
// keys however many ideas there are:
//
//	s|P|status   ideas created in P, by their status now
//	t|P|theme    ideas created in P, by theme
//	e|P          the estimated yearly savings of those still live, VND
//	             (Idea.Estimate)
//	a|P          money actually saved in P (progress reported in P), VND
//	au|P|unit    the same by unit
//	rec|P|id     initiatives of a member recognised in P (by the
//	             decision's date: the year it counts toward titles)
func statKey(parts ...string) []byte {
	var b bytes.Buffer
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(p)
	}
	return b.Bytes()
}

func (tx *Tx) bump(at time.Time, delta int64, parts ...string) error {
	if delta == 0 {
		return nil
	}
	b := tx.tx.Bucket(bucketStats)
	for _, k := range []PeriodKind{Month, Quarter, Year} {
		key := statKey(append([]string{parts[0], PeriodOf(k, at, tx.db.opt.Loc)}, parts[1:]...)...)
		if err := addInt(b, key, delta); err != nil {
			return err
		}
	}
	return nil
}

// stat reads one counter.
func (tx *Tx) stat(parts ...string) int64 {
	v := tx.tx.Bucket(bucketStats).Get(statKey(parts...))
	if v == nil {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}

// statsWithPrefix calls fn for every counter under prefix (the rest of the
// key, the value).
func (tx *Tx) statsWithPrefix(prefix string, fn func(rest string, v int64)) {
	p := []byte(prefix)
	c := tx.tx.Bucket(bucketStats).Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		fn(string(k[len(p):]), int64(binary.BigEndian.Uint64(v)))
	}
}

// countIdea keeps the idea counters in step with a change from old (nil
// for a new idea) to idea.
func (tx *Tx) countIdea(old *Idea, idea Idea) error {
	at := idea.CreatedAt
	if old == nil {
		if err := tx.bump(at, 1, "s", string(idea.Status)); err != nil {
			return err
		}
		if err := tx.bump(at, 1, "t", string(idea.Theme)); err != nil {
			return err
		}
		return tx.bump(at, idea.Estimate(), "e")
	}
	if old.Status != idea.Status {
		if err := tx.bump(at, -1, "s", string(old.Status)); err != nil {
			return err
		}
		if err := tx.bump(at, 1, "s", string(idea.Status)); err != nil {
			return err
		}
		if idea.Status == IdeaRecognised && idea.Recognition != nil {
			if err := tx.bump(idea.Recognition.Date, 1, "rec", itoa(idea.Author)); err != nil {
				return err
			}
		}
	}
	if old.Theme != idea.Theme {
		if err := tx.bump(at, -1, "t", string(old.Theme)); err != nil {
			return err
		}
		if err := tx.bump(at, 1, "t", string(idea.Theme)); err != nil {
			return err
		}
	}
	if err := tx.bump(at, idea.Estimate()-old.Estimate(), "e"); err != nil {
		return err
	}
	if idea.Saved != old.Saved {
		if err := tx.bump(tx.now, idea.Saved-old.Saved, "a"); err != nil {
			return err
		}
		return tx.bump(tx.now, idea.Saved-old.Saved, "au", idea.Unit)
	}
	return nil
}

// recomputeStats rebuilds the summary counters from the ideas and their
// progress (the migration that introduced them, and what they must equal).
func (tx *Tx) recomputeStats() error {
	if err := tx.tx.DeleteBucket(bucketStats); err != nil {
		return err
	}
	if _, err := tx.tx.CreateBucket(bucketStats); err != nil {
		return err
	}
	return tx.tx.Bucket(bucketIdeas).ForEach(func(k, v []byte) error {
		var idea Idea
		if err := decode(bucketIdeas, k, v, &idea); err != nil {
			return err
		}
		at := idea.CreatedAt
		for _, c := range []struct {
			delta int64
			parts []string
		}{{1, []string{"s", string(idea.Status)}}, {1, []string{"t", string(idea.Theme)}}, {idea.Estimate(), []string{"e"}}} {
			if err := tx.bump(at, c.delta, c.parts...); err != nil {
				return err
			}
		}
		for _, e := range idea.History {
			if e.Status == IdeaRecognised && e.Recognition != nil {
				if err := tx.bump(e.Recognition.Date, 1, "rec", itoa(idea.Author)); err != nil {
					return err
				}
			}
		}
		progress, err := tx.ProgressOf(idea.ID)
		if err != nil {
			return err
		}
		var saved int64
		for _, p := range progress {
			if err := tx.bump(p.At, p.Saved-saved, "a"); err != nil {
				return err
			}
			if err := tx.bump(p.At, p.Saved-saved, "au", idea.Unit); err != nil {
				return err
			}
			saved = p.Saved
		}
		return nil
	})
}
