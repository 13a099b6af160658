package bot_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// The recomputation of the figures from the records alone, for
// TestFigures_SummaryAndExportEqualARecomputationFromTheRecords.

// figures are what a summary must show, recomputed from the records.
type figures struct {
	ideas, thrift, infra                int64
	byStatus                            map[storage.IdeaStatus]int64
	estimated, savedIdeas, savedReports int64
	units                               []unitFigures
	periods                             []periodFigures
	topMembers                          []ranked // at most three
	topUnits                            []ranked
	openWaste                           int
	progressRows, reportRows            int64
}

type unitFigures struct {
	name                 string
	target, saved, ideas int64
}

type periodFigures struct {
	name, due             string
	onTime, late, missing int
	pending               int
	open                  bool
	missingUnits          []string
	reportedSaved         int64
}

type ranked struct {
	rank   int
	name   string
	points int64
}

// recompute reads every record and counts, by the rules of
// docs/figures.md, without the kept counters or totals.
func (h *harness) recompute(period string) figures {
	h.t.Helper()
	start, end := spanOf(h.t, period)
	yearStart := time.Date(start.Year(), 1, 1, 0, 0, 0, 0, hcm)
	yearEnd := yearStart.AddDate(1, 0, 0)
	in := func(t, s, e time.Time) bool { return !t.Before(s) && t.Before(e) }
	f := figures{byStatus: map[storage.IdeaStatus]int64{}}
	sc := h.cfg.Scoring
	memberPts, unitPts := map[int64]int64{}, map[string]int64{}
	award := func(at time.Time, member int64, unit string, pts int) {
		if in(at, start, end) {
			memberPts[member] += int64(pts)
			unitPts[unit] += int64(pts)
		}
	}
	savedIdeasYear := map[string]int64{}
	err := h.db.View(func(tx *storage.Tx) error {
		now := tx.Now()
		err := tx.EachIdea(func(idea storage.Idea) error {
			if in(idea.CreatedAt, start, end) {
				f.ideas++
				f.byStatus[idea.Status]++
				if idea.Theme == storage.ThemeThrift {
					f.thrift++
				} else {
					f.infra++
				}
				switch idea.Status {
				case storage.IdeaNotProposed, storage.IdeaNotApproved, storage.IdeaWithdrawn, storage.IdeaReturned:
				default:
					f.estimated += idea.EstSavings
				}
			}
			if idea.Status != storage.IdeaWithdrawn {
				award(idea.CreatedAt, idea.Author, idea.Unit, sc.Submitted)
			}
			for _, e := range idea.History {
				switch {
				case e.Status == storage.IdeaEndorsed:
					award(e.At, idea.Author, idea.Unit, sc.Endorsed)
				case e.Status == storage.IdeaApproved:
					award(e.At, idea.Author, idea.Unit, sc.Accepted+sc.PerScorePoint*e.Scores.Total())
				case e.Status == storage.IdeaDone:
					award(e.At, idea.Author, idea.Unit, sc.Done)
				case e.Status == storage.IdeaRecognised:
					award(e.At, idea.Author, idea.Unit, sc.Recognised)
				}
			}
			progress, err := tx.ProgressOf(idea.ID)
			var before int64
			for _, p := range progress {
				if in(p.At, start, end) {
					f.savedIdeas += p.Saved - before
					f.progressRows++
				}
				if in(p.At, yearStart, yearEnd) {
					savedIdeasYear[idea.Unit] += p.Saved - before
				}
				award(p.At, idea.Author, idea.Unit, int(p.Saved/1_000_000-before/1_000_000)*sc.PerMillionSaved)
				before = p.Saved
			}
			return err
		})
		if err != nil {
			return err
		}
		tx.Praises(func(p storage.Praise) bool {
			if p.Member != 0 {
				award(p.At, p.Member, p.Unit, sc.Praise)
			} else {
				award(p.At, 0, p.Unit, sc.Praise)
			}
			return true
		})
		units, _ := tx.Units()
		periods, _ := tx.Periods(false)
		reportedYear := map[string]int64{}
		for _, p := range periods {
			pf := periodFigures{name: p.Name, due: p.Due.In(hcm).Format("02/01/2006 15:04"), open: !now.After(p.Due)}
			for _, u := range units {
				r, ok, err := tx.Report(p.Key, u.Code)
				if err != nil {
					return err
				}
				if ok {
					pts := sc.ReportOnTime
					if r.Late {
						pts = sc.ReportLate
					}
					award(r.FirstAt(), 0, u.Code, pts)
					if in(p.Due, yearStart, yearEnd) {
						reportedYear[u.Code] += r.Saved
					}
				}
				switch {
				case ok && r.Late:
					pf.late++
				case ok:
					pf.onTime++
				case now.After(p.Due):
					pf.missing++
					pf.missingUnits = append(pf.missingUnits, u.Name)
				default:
					pf.pending++
				}
				pf.reportedSaved += r.Saved
			}
			if in(p.Due, start, end) {
				f.savedReports += pf.reportedSaved
				f.reportRows += int64(len(units))
				f.periods = append(f.periods, pf)
			}
		}
		for _, u := range units {
			f.units = append(f.units, unitFigures{name: u.Name, target: u.Target, saved: reportedYear[u.Code], ideas: savedIdeasYear[u.Code]})
		}
		_, f.openWaste, err = tx.Wastes(true, 0)
		if err != nil {
			return err
		}
		delete(memberPts, 0)
		f.topMembers = rank(memberPts, func(id int64) string {
			m, _, _ := tx.Member(id)
			return m.Name() + " (" + shortOf(h.cfg, m.Unit) + ")"
		})
		codes := map[string]int64{}
		names := map[int64]string{}
		for i, u := range units {
			codes[u.Code] = int64(i)
			names[int64(i)] = u.Name
		}
		byIndex := map[int64]int64{}
		for code, pts := range unitPts {
			byIndex[codes[code]] = pts
		}
		f.topUnits = rank(byIndex, func(i int64) string { return names[i] })
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return f
}

// rank orders totals as a leaderboard: most points first, equal points
// sharing a rank, in the order of their keys; none with 0; the top three.
func rank(pts map[int64]int64, name func(int64) string) []ranked {
	var ids []int64
	for id, p := range pts {
		if p != 0 {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if pts[a] != pts[b] {
			return int(pts[b] - pts[a])
		}
		return int(a - b)
	})
	var out []ranked
	for i, id := range ids {
		r := ranked{rank: i + 1, name: name(id), points: pts[id]}
		if i > 0 && pts[id] == pts[ids[i-1]] {
			r.rank = out[i-1].rank
		}
		out = append(out, r)
	}
	return out[:min(3, len(out))]
}

func shortOf(cfg *config.Config, code string) string {
	for _, u := range cfg.Units {
		if u.Code == code && u.Short != "" {
			return u.Short
		}
	}
	return code
}

// spanOf reads the periods this test writes: 2026, Q2/2026, 5/2026.
func spanOf(t testing.TB, period string) (time.Time, time.Time) {
	var y, n int
	switch {
	case strings.HasPrefix(period, "Q"):
		fmt.Sscanf(period, "Q%d/%d", &n, &y)
		s := time.Date(y, time.Month(3*n-2), 1, 0, 0, 0, 0, hcm)
		return s, s.AddDate(0, 3, 0)
	case strings.Contains(period, "/"):
		fmt.Sscanf(period, "%d/%d", &n, &y)
		s := time.Date(y, time.Month(n), 1, 0, 0, 0, 0, hcm)
		return s, s.AddDate(0, 1, 0)
	}
	y, _ = strconv.Atoi(period)
	s := time.Date(y, 1, 1, 0, 0, 0, 0, hcm)
	return s, s.AddDate(1, 0, 0)
}
