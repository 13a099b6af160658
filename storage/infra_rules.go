package storage

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The kinds of indicator.
const (
	// KindLevel is a value at a date, such as a coverage rate: the latest
	// report is where the unit stands.
	KindLevel = "level"
	// KindFlow is an amount per period, such as new stations: the year's
	// reports add up.
	KindFlow = "flow"
)

// Indicator is an infrastructure indicator (chỉ tiêu hạ tầng) with each
// responsible unit's yearly targets.
type Indicator struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Measure string   `json:"measure"` // %, xã, trạm, km, triệu đồng…
	Kind    string   `json:"kind"`
	Targets []Target `json:"targets,omitempty"`
}

// Percent reports whether the indicator is measured in per cent.
func (ind Indicator) Percent() bool { return strings.TrimSpace(ind.Measure) == "%" }

// Target is one unit's target for one year. A new year is a new Target:
// last year's stays as it was.
type Target struct {
	Unit     string  `json:"unit"`
	Year     int     `json:"year"`
	Baseline float64 `json:"baseline"` // at the end of the previous year
	Target   float64 `json:"target"`
	// Quarters, when given, are the values planned by the end of each
	// quarter (for a flow, the total since the year began); without them
	// the plan runs in a straight line through the year.
	Quarters []float64 `json:"quarters,omitempty"`
	// Changes adjust the target from a date on (chỉ tiêu điều chỉnh).
	Changes []TargetChange `json:"changes,omitempty"`
}

// TargetChange is a target adjusted from a date on.
type TargetChange struct {
	On       time.Time `json:"on"`
	Target   float64   `json:"target"`
	Quarters []float64 `json:"quarters,omitempty"`
}

// TargetFor returns unit's target of the indicator for year.
func (ind Indicator) TargetFor(unit string, year int) (Target, bool) {
	for _, t := range ind.Targets {
		if t.Unit == unit && t.Year == year {
			return t, true
		}
	}
	return Target{}, false
}

// At returns the target as it stood at t (the latest change on or before
// it), and the date of that change (zero when never adjusted).
func (t Target) At(at time.Time) (target float64, quarters []float64, changed time.Time) {
	target, quarters = t.Target, t.Quarters
	for _, ch := range t.Changes {
		if ch.On.After(at) {
			break
		}
		target, quarters, changed = ch.Target, ch.Quarters, ch.On
	}
	return target, quarters, changed
}

// PlanAt is the value planned by at: for a level, the level expected then;
// for a flow, the amount expected since the year began. loc is the zone
// whose calendar year the target is for.
func (t Target) PlanAt(kind string, at time.Time, loc *time.Location) float64 {
	target, quarters, _ := t.At(at)
	start := time.Date(t.Year, 1, 1, 0, 0, 0, 0, loc)
	from := 0.0
	if kind == KindLevel {
		from = t.Baseline
	}
	if !at.After(start) {
		return from
	}
	end := start.AddDate(1, 0, 0)
	if !at.Before(end) {
		return target
	}
	if len(quarters) != 4 {
		return from + (target-from)*frac(start, end, at)
	}
	q := int(at.Month()-1) / 3
	qStart := start.AddDate(0, 3*q, 0)
	prev := from
	if q > 0 {
		prev = quarters[q-1]
	}
	return prev + (quarters[q]-prev)*frac(qStart, qStart.AddDate(0, 3, 0), at)
}

func frac(from, to, at time.Time) float64 {
	return float64(at.Sub(from)) / float64(to.Sub(from))
}

// Pace says where a unit stands against its plan to date.
type Pace int

// The paces, worst first.
const (
	Behind Pace = iota - 1
	OnPlan
	Ahead
)

// String names the pace for keys and logs.
func (p Pace) String() string {
	switch p {
	case Behind:
		return "behind"
	case Ahead:
		return "ahead"
	}
	return "on"
}

// paceTolerance is the share of the year's span within which a unit is on
// plan rather than ahead or behind: 2 % of the way from baseline to target.
const paceTolerance = 0.02

// IndicatorValue is one report's value of an indicator.
type IndicatorValue struct {
	Value float64
	At    time.Time // the reporting period's due time
}

// Standing is where a unit stands on an indicator at a date.
type Standing struct {
	Indicator Indicator
	Target    Target
	Goal      float64   // the target in force
	Changed   time.Time // when it was adjusted, zero if never
	Now       float64   // the level reached, or the year's total so far
	Reported  bool      // whether anything was reported in the year
	Plan      float64   // the plan to date
	Share     float64   // Now against the goal, 0..1 and beyond
	Pace      Pace
	Gap       float64 // (Now−Plan) over the year's span: negative is behind
}

// Stand computes a unit's standing on an indicator at a date from the
// values reported in the target's year (in any order).
func Stand(ind Indicator, t Target, values []IndicatorValue, at time.Time, loc *time.Location) Standing {
	s := Standing{Indicator: ind, Target: t}
	s.Goal, _, s.Changed = t.At(at)
	s.Plan = t.PlanAt(ind.Kind, at, loc)
	s.Now = t.Baseline
	if ind.Kind == KindFlow {
		s.Now = 0
	}
	var latest time.Time
	for _, v := range values {
		if v.At.In(loc).Year() != t.Year {
			continue
		}
		s.Reported = true
		if ind.Kind == KindFlow {
			s.Now += v.Value
		} else if !v.At.Before(latest) {
			latest, s.Now = v.At, v.Value
		}
	}
	if s.Goal != 0 {
		s.Share = s.Now / s.Goal
	}
	span := s.Goal
	if ind.Kind == KindLevel {
		span = math.Abs(s.Goal - t.Baseline)
	}
	if span == 0 {
		span = math.Max(math.Abs(s.Goal), 1)
	}
	s.Gap = (s.Now - s.Plan) / span
	switch {
	case s.Gap > paceTolerance:
		s.Pace = Ahead
	case s.Gap < -paceTolerance:
		s.Pace = Behind
	}
	return s
}

// SortStandings puts the furthest behind first. Standings as far behind
// as each other (to a millionth: before any report every one is behind by
// the share of the year gone) keep one order, by unit then indicator, so
// the same list reads the same each time it is asked for.
func SortStandings(list []Standing) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if ga, gb := math.Round(a.Gap*1e6), math.Round(b.Gap*1e6); ga != gb {
			return ga < gb
		}
		if a.Target.Unit != b.Target.Unit {
			return a.Target.Unit < b.Target.Unit
		}
		return a.Indicator.Code < b.Indicator.Code
	})
}

// Work is a work or project (công trình, dự án) a unit builds.
type Work struct {
	Code          string      `json:"code"`
	Name          string      `json:"name"`
	Unit          string      `json:"unit"`
	Investment    int64       `json:"investment"`     // VND
	OutsideBudget int64       `json:"outside_budget"` // of it, from outside the state budget
	Budget        int64       `json:"budget"`         // of it, from the state budget
	Milestones    []Milestone `json:"milestones"`
	// FromChat is set for a work an admin added in chat: the
	// configuration's sync leaves it alone.
	FromChat bool  `json:"from_chat,omitempty"`
	AddedBy  int64 `json:"added_by,omitempty"`
}

// Milestone is a planned step of a work.
type Milestone struct {
	Name string    `json:"name"`
	Due  time.Time `json:"due"`
}

// WorkState is what a work's reports add up to.
type WorkState struct {
	Reached   map[int]time.Time // milestone index → the date it was reached
	Percent   float64
	Disbursed int64 // VND, to date
	Incidents int
	Reported  bool
}

// Schedule is where a work stands against its milestones at a date.
type Schedule struct {
	Pace Pace
	// Days is how many days ahead or behind (0 on schedule).
	Days int
	// Next is the index of the first milestone not reached (-1: all are).
	Next int
}

// Late is the days behind (negative: ahead), to sort the latest first.
func (s Schedule) Late() int { return -int(s.Pace) * s.Days }

// days counts whole days from a to b (negative when b is before a), by
// the calendar of a's zone.
func days(a, b time.Time) int {
	ya, ma, da := a.Date()
	yb, mb, db := b.In(a.Location()).Date()
	return int(math.Round(time.Date(yb, mb, db, 12, 0, 0, 0, time.UTC).Sub(time.Date(ya, ma, da, 12, 0, 0, 0, time.UTC)).Hours() / 24))
}

// ScheduleAt says whether a work is ahead, on schedule or behind at a
// date: behind by the days since its first unreached milestone fell due;
// otherwise ahead by the days its latest milestone was reached early.
func (w Work) ScheduleAt(st WorkState, at time.Time) Schedule {
	s := Schedule{Next: -1}
	last := -1
	for i := range w.Milestones {
		if _, ok := st.Reached[i]; ok {
			last = i
			continue
		}
		if s.Next < 0 {
			s.Next = i
		}
	}
	if s.Next >= 0 {
		if late := days(w.Milestones[s.Next].Due, at); late > 0 {
			return Schedule{Pace: Behind, Days: late, Next: s.Next}
		}
	}
	if last >= 0 {
		if early := days(st.Reached[last], w.Milestones[last].Due); early > 0 {
			s.Pace, s.Days = Ahead, early
		}
	}
	return s
}

// ParsePercent reads a percentage as people write it: "95,5%", "95,5"
// and "95.5" alike; it refuses what is not a number, a negative and more
// than 100.
func ParsePercent(s string) (float64, error) {
	v, err := ParseAmount(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if err != nil {
		return 0, Errorf(EInvalid, ReasonPercentValue)
	}
	if v < 0 || v > 100 {
		return 0, Errorf(EInvalid, ReasonPercentValue)
	}
	return v, nil
}

// ParseAmount reads a non-negative number of an indicator's measure
// ("12", "3,5", "12.75", "2.500" as thousands, "12,75 km" with the
// measure left off).
func ParseAmount(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexFunc(s, func(r rune) bool { return r == ' ' }); i > 0 {
		s = s[:i]
	}
	if s == "" {
		return 0, Errorf(EInvalid, ReasonAmountValue)
	}
	// Dots group thousands as Vietnamese writes them ("2.500", "1.250,5",
	// "1.000.000"); a lone dot with other than three digits after it is a
	// decimal mark ("95.5"), as is a comma.
	if dots := strings.Count(s, "."); dots > 1 || strings.Contains(s, ",") || (dots == 1 && len(s)-strings.Index(s, ".") == 4 && strings.Index(s, ".") > 0) {
		s = strings.ReplaceAll(s, ".", "")
	}
	s = strings.ReplaceAll(s, ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(s, "eExXpP_+-") {
		return 0, Errorf(EInvalid, ReasonAmountValue)
	}
	return v, nil
}

// FarOff reports whether a value is implausibly large against the target
// (more than three times it), to be confirmed before it is kept.
func FarOff(value, target float64) bool {
	return target > 0 && value > 3*target
}

// LowerThanLast reports whether a level's new value is below the last one
// reported: the head is asked for the reason.
func LowerThanLast(kind string, value float64, last IndicatorValue, had bool) bool {
	return kind == KindLevel && had && value < last.Value
}

// MaySeeInfra says why m may not see a unit's infrastructure: directors
// and admins see every unit, a member their own.
func (m Member) MaySeeInfra(unit string) error {
	if m.IsDirector() || m.IsAdmin() || (m.Active() && m.Unit == unit && unit != "") {
		return nil
	}
	return Errorf(EForbidden, ReasonNotAllowed)
}
