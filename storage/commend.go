package storage

import (
	"slices"
	"time"
)

// The commendation rule (SPEC §6), by Law 06/2022/QH15 on Emulation and
// Commendation and Decree 98/2023/NĐ-CP: a thematic movement (phong trào
// thi đua theo chuyên đề) ends with the Giám đốc Sở's Giấy khen for the
// collectives and individuals with outstanding results, and for the most
// outstanding a Bằng khen the Giám đốc proposes to the Chủ tịch UBND tỉnh
// or the Minister. One achievement earns one form of award (the law's
// principle), so the most outstanding are proposed for the Bằng khen
// instead of the Giấy khen, not beside it.
//
// The yearly titles (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể
// lao động tiên tiến) rest on the year's job rating, which the movement
// does not know: the rule proposes none of them. It lists, per person, the
// evidence the movement holds toward them: the initiatives recognised in
// the year, which Chiến sĩ thi đua cơ sở requires.
//
// Nothing here reads the database; the bot reads the year's totals and
// reports, asks Candidates, and writes the proposal.

// Award is a form of commendation the movement proposes.
type Award string

// The forms of award, the higher last.
const (
	AwardNone     Award = ""          // not proposed: listed for the evidence only
	AwardGiayKhen Award = "giay_khen" // Giấy khen of the Giám đốc Sở, within his authority
	AwardBangKhen Award = "bang_khen" // Bằng khen, proposed to the Chủ tịch UBND tỉnh
	// AwardBangKhenBo is the Bằng khen proposed to the Minister (of
	// org.ministry), for results beyond the province's: a list of its own.
	AwardBangKhenBo Award = "bang_khen_bo"
)

// AwardThresholds are what one form of award asks of the year's results.
type AwardThresholds struct {
	MemberMinPoints   int // an individual's points in the year
	MemberMinAccepted int // and initiatives recognised in the year
	UnitMinPoints     int // a collective's points, with every report of the year on time
}

// CommendThresholds are the [commendation] criteria: the Giấy khen's, and
// the higher ones of the Bằng khen.
type CommendThresholds struct {
	GiayKhen AwardThresholds
	BangKhen AwardThresholds
	// BangKhenBo, when set (not all zero), are the Minister's Bằng khen's,
	// at least the Bằng khen's: the most outstanding are proposed there
	// instead of to the Chủ tịch UBND tỉnh.
	BangKhenBo AwardThresholds
}

// set reports whether a level's thresholds are given at all.
func (a AwardThresholds) set() bool { return a != AwardThresholds{} }

// CommendFacts are what a year's proposal is made from.
type CommendFacts struct {
	Members  []Score         // the members' points of the year, best first
	Accepted map[int64]int64 // by member, their initiatives recognised in the year
	Units    []Score         // the units' points of the year, best first
	Periods  []Period        // the year's periods due so far (YearPeriods)
	Reports  map[PeriodUnit]Report
}

// Candidate is a member or a unit in the year's proposal.
type Candidate struct {
	Award    Award
	Member   int64  // an individual: who
	Unit     string // a collective: which unit
	Points   int64
	Accepted int64 // an individual's initiatives recognised in the year
	OnTime   int   // a collective's reports on time, of
	Due      int   // the periods due in the year so far
}

// HasInitiative says whether the movement holds the evidence toward
// Chiến sĩ thi đua cơ sở it can: an initiative recognised in the year.
func (c Candidate) HasInitiative() bool { return c.Accepted > 0 }

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

// memberAward is the award an individual's year reaches.
func (th CommendThresholds) memberAward(points, accepted int64) Award {
	reaches := func(a AwardThresholds) bool {
		return points >= int64(a.MemberMinPoints) && accepted >= int64(a.MemberMinAccepted)
	}
	switch {
	case th.BangKhenBo.set() && reaches(th.BangKhenBo):
		return AwardBangKhenBo
	case reaches(th.BangKhen):
		return AwardBangKhen
	case reaches(th.GiayKhen):
		return AwardGiayKhen
	}
	return AwardNone
}

// unitAward is the award a collective's year reaches: its points, and
// every report due in the year on time (the movement's plan asks for them).
func (th CommendThresholds) unitAward(points int64, onTime, due int) Award {
	switch {
	case onTime < due:
		return AwardNone
	case th.BangKhenBo.set() && points >= int64(th.BangKhenBo.UnitMinPoints):
		return AwardBangKhenBo
	case points >= int64(th.BangKhen.UnitMinPoints):
		return AwardBangKhen
	case points >= int64(th.GiayKhen.UnitMinPoints):
		return AwardGiayKhen
	}
	return AwardNone
}

// Candidates makes the year's proposal: the members in the order of their
// points, each proposed for the higher award they reach, or listed
// without one when they are proposed for none but hold a recognised
// initiative; then the units proposed, in the order of theirs.
func (th CommendThresholds) Candidates(f CommendFacts) []Candidate {
	var out []Candidate
	seen := map[int64]bool{}
	for _, r := range f.Members {
		seen[r.Member] = true
		c := Candidate{Member: r.Member, Points: r.Points, Accepted: f.Accepted[r.Member]}
		c.Award = th.memberAward(c.Points, c.Accepted)
		if c.Award != AwardNone || c.HasInitiative() {
			out = append(out, c)
		}
	}
	// An initiative recognised without a point (a scoring that gives none)
	// is evidence all the same.
	var unscored []int64
	for id, n := range f.Accepted {
		if n > 0 && !seen[id] {
			unscored = append(unscored, id)
		}
	}
	slices.Sort(unscored)
	for _, id := range unscored {
		c := Candidate{Member: id, Accepted: f.Accepted[id]}
		c.Award = th.memberAward(0, c.Accepted)
		out = append(out, c)
	}
	for _, r := range f.Units {
		onTime := 0
		for _, p := range f.Periods {
			if rep, ok := f.Reports[PeriodUnit{p.Key, r.Unit}]; ok && !rep.Late {
				onTime++
			}
		}
		c := Candidate{Unit: r.Unit, Points: r.Points, OnTime: onTime, Due: len(f.Periods)}
		if c.Award = th.unitAward(c.Points, onTime, c.Due); c.Award != AwardNone {
			out = append(out, c)
		}
	}
	return out
}
