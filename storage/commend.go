package storage

import "time"

// The commendation rule (SPEC §6): who the year's results put forward for
// which title, by the [commendation] thresholds. Nothing here reads the
// database; the bot reads the year's totals and reports, asks Candidates,
// and writes the proposal.

// Title is a title a candidate is put forward for.
type Title string

// The titles the movement proposes (Law 06/2022/QH15, Decree 98/2023/NĐ-CP).
const (
	TitleCSTD   Title = "cstd"   // Chiến sĩ thi đua cơ sở: points, and initiatives accepted in the year
	TitleLDTT   Title = "ldtt"   // Lao động tiên tiến: points
	TitleTTLDTT Title = "ttldtt" // Tập thể lao động tiên tiến, a unit: points, and every report of the year on time
)

// CommendThresholds are the [commendation] criteria (the configuration's
// table converts to it field for field).
type CommendThresholds struct {
	CSTDMinPoints   int
	CSTDMinAccepted int
	LDTTMinPoints   int
	TTLDTTMinPoints int
}

// CommendFacts are what a year's candidates are chosen from.
type CommendFacts struct {
	Members  []Score         // the members' points of the year, best first
	Accepted map[int64]int64 // by member, their ideas accepted in the year
	Units    []Score         // the units' points of the year, best first
	Periods  []Period        // the year's periods due so far (YearPeriods)
	Reports  map[PeriodUnit]Report
}

// Candidate is someone the criteria put forward for a title.
type Candidate struct {
	Title    Title
	Member   int64  // TitleCSTD, TitleLDTT: who
	Unit     string // TitleTTLDTT: which unit
	Points   int64
	Accepted int64 // a member's initiatives accepted in the year
	OnTime   int   // a unit's reports on time, of
	Due      int   // the periods due in the year so far
}

// YearPeriods are the periods a unit's reports of year are counted over:
// due in that year (in loc), and by now.
func YearPeriods(periods []Period, year int, now time.Time, loc *time.Location) []Period {
	var out []Period
	for _, p := range periods {
		if p.Due.In(loc).Year() == year && !p.Due.After(now) {
			out = append(out, p)
		}
	}
	return out
}

// Candidates picks the candidates: members in the order of their points,
// each for the higher title they reach (Chiến sĩ thi đua cơ sở before
// Lao động tiên tiến), then units in the order of theirs.
func (th CommendThresholds) Candidates(f CommendFacts) []Candidate {
	var out []Candidate
	for _, r := range f.Members {
		c := Candidate{Member: r.Member, Points: r.Points, Accepted: f.Accepted[r.Member]}
		switch {
		case r.Points >= int64(th.CSTDMinPoints) && c.Accepted >= int64(th.CSTDMinAccepted):
			c.Title = TitleCSTD
		case r.Points >= int64(th.LDTTMinPoints):
			c.Title = TitleLDTT
		default:
			continue
		}
		out = append(out, c)
	}
	for _, r := range f.Units {
		onTime := 0
		for _, p := range f.Periods {
			if rep, ok := f.Reports[PeriodUnit{p.Key, r.Unit}]; ok && !rep.Late {
				onTime++
			}
		}
		if r.Points >= int64(th.TTLDTTMinPoints) && onTime == len(f.Periods) {
			out = append(out, Candidate{Title: TitleTTLDTT, Unit: r.Unit, Points: r.Points, OnTime: onTime, Due: len(f.Periods)})
		}
	}
	return out
}
