package storage

import (
	"sort"
	"strconv"
	"time"
)

// Span is a month, quarter or year: what figures are asked about.
type Span struct {
	Kind  PeriodKind
	Key   string // as the counters name it: M2026-11, Q2026-4, Y2026
	Start time.Time
	End   time.Time // exclusive
}

// SpanOf is the month, quarter or year t falls in, in loc.
func SpanOf(kind PeriodKind, t time.Time, loc *time.Location) Span {
	t = t.In(loc)
	s := Span{Kind: kind}
	switch kind {
	case Month:
		s.Start = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
		s.End = s.Start.AddDate(0, 1, 0)
	case Quarter:
		s.Start = time.Date(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 1, 0, 0, 0, 0, loc)
		s.End = s.Start.AddDate(0, 3, 0)
	default:
		s.Kind = Year
		s.Start = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, loc)
		s.End = s.Start.AddDate(1, 0, 0)
	}
	s.Key = PeriodOf(s.Kind, s.Start, loc)
	return s
}

// Months are the months of the span, in order.
func (s Span) Months() []Span {
	var out []Span
	for t := s.Start; t.Before(s.End); t = t.AddDate(0, 1, 0) {
		out = append(out, SpanOf(Month, t, s.Start.Location()))
	}
	return out
}

// Contains reports whether t falls in the span.
func (s Span) Contains(t time.Time) bool { return !t.Before(s.Start) && t.Before(s.End) }

// Figures are the movement's numbers for a span, computed once and read by
// every view: /summary, the weekly digest, /export's summary sheet and the
// dashboard. Each is computed by one function, by the rules of count.go;
// docs/figures.md says what each counts.
type Figures struct {
	Span Span
	At   time.Time // when they were read: reports not yet due are pending

	// Ideas created in the span, by their status now and by theme.
	Ideas    int64
	ByStatus map[IdeaStatus]int64
	ByTheme  map[Theme]int64

	// Estimated is the estimated yearly savings of the live ideas created
	// in the span (Idea.Estimate).
	Estimated int64
	// SavedByIdeas is the money the ideas' progress reports say was saved
	// in the span; SavedByReports what the units' reports for the
	// periods due in the span say. They are shown side by side, never
	// added: a unit's report includes what its ideas saved.
	SavedByIdeas, SavedByReports int64

	Months  []MonthFigures  // each month of the span
	Units   []UnitFigures   // each unit against its yearly target, for the span's year, furthest first
	Periods []PeriodFigures // the reporting periods due in the span, by due time

	// Members and UnitRanks are the leaderboard of the span, best first
	// (Tx.Ranking): every member and unit with points.
	Members, UnitRanks []Score

	// OpenWaste is how many waste reports are open now; LatestWaste the
	// newest of them (at most WasteShown).
	OpenWaste   int
	LatestWaste []Waste
	// Recovered is the money the waste cases handled in the span recovered
	// or saved (Tx.Recovered): its own line, never added to the savings.
	Recovered int64

	// Infra is the infrastructure against its plan (infra_figures.go).
	Infra InfraFigures
}

// WasteShown is how many open waste reports Figures lists.
const WasteShown = 5

// MonthFigures are the savings of one month of the span.
type MonthFigures struct {
	Span                                    Span
	Estimated, SavedByIdeas, SavedByReports int64
}

// UnitFigures are one unit's savings in a year, against its target. The
// target is measured against SavedByReports (TargetBasis).
type UnitFigures struct {
	Unit                         Unit
	SavedByReports, SavedByIdeas int64
}

// Percent is how much of its yearly target the unit reported saved, in
// whole percent; false when it has no target.
func (u UnitFigures) Percent() (int64, bool) {
	if u.Unit.Target <= 0 {
		return 0, false
	}
	return u.SavedByReports * 100 / u.Unit.Target, true
}

// PeriodFigures is where each unit's report for one period stands.
type PeriodFigures struct {
	Period Period
	States map[string]ReportState // by unit code
	Count  map[ReportState]int
	Saved  int64 // money the reports say was saved
}

// Figures reads the figures of span s at the transaction's time.
func (tx *Tx) Figures(s Span) (Figures, error) {
	f := Figures{Span: s, At: tx.now}
	f.ByStatus, f.ByTheme, f.Ideas = tx.ideaCounts(s)
	f.Estimated = tx.estimated(s)
	f.SavedByIdeas = tx.SavedByIdeas(s, "")
	units, err := tx.Units()
	if err != nil {
		return f, err
	}
	periods, err := tx.Periods(false)
	if err != nil {
		return f, err
	}
	// The reports of the periods due in the span's year (a superset of
	// the span's), read once.
	year := SpanOf(Year, s.Start, s.Start.Location())
	reports := map[PeriodUnit]Report{}
	for _, p := range periods {
		if !p.CountsIn(year.Start, year.End) && !p.CountsIn(s.Start, s.End) {
			continue
		}
		for _, u := range units {
			r, ok, err := tx.Report(p.Key, u.Code)
			if err != nil {
				return f, err
			}
			if ok {
				reports[PeriodUnit{p.Key, u.Code}] = r
			}
		}
	}
	reported := func(in Span, unit string) int64 {
		var sum int64
		for _, p := range periods {
			if !p.CountsIn(in.Start, in.End) {
				continue
			}
			for _, u := range units {
				if unit == "" || u.Code == unit {
					sum += reports[PeriodUnit{p.Key, u.Code}].Saved
				}
			}
		}
		return sum
	}
	f.SavedByReports = reported(s, "")
	for _, m := range s.Months() {
		f.Months = append(f.Months, MonthFigures{Span: m, Estimated: tx.estimated(m), SavedByIdeas: tx.SavedByIdeas(m, ""), SavedByReports: reported(m, "")})
	}
	for _, u := range units {
		f.Units = append(f.Units, UnitFigures{Unit: u, SavedByIdeas: tx.SavedByIdeas(year, u.Code), SavedByReports: reported(year, u.Code)})
	}
	// Furthest towards its target first; those without one last.
	sort.SliceStable(f.Units, func(i, j int) bool {
		pi, oki := f.Units[i].Percent()
		pj, okj := f.Units[j].Percent()
		if oki != okj || pi != pj {
			return oki && (!okj || pi > pj)
		}
		return f.Units[i].Unit.Name < f.Units[j].Unit.Name
	})
	for _, p := range periods {
		if !p.CountsIn(s.Start, s.End) {
			continue
		}
		pf := PeriodFigures{Period: p, States: map[string]ReportState{}, Count: map[ReportState]int{}}
		for _, u := range units {
			r, ok := reports[PeriodUnit{p.Key, u.Code}]
			st := p.StateOf(r, ok, tx.now)
			pf.States[u.Code] = st
			pf.Count[st]++
			pf.Saved += r.Saved
		}
		f.Periods = append(f.Periods, pf)
	}
	if f.Members, err = tx.Ranking(s.Key, false); err != nil {
		return f, err
	}
	if f.UnitRanks, err = tx.Ranking(s.Key, true); err != nil {
		return f, err
	}
	if f.LatestWaste, f.OpenWaste, err = tx.Wastes(true, WasteShown); err != nil {
		return f, err
	}
	if f.Recovered, err = tx.Recovered(s.Start, s.End); err != nil {
		return f, err
	}
	f.Infra, err = tx.infraFigures(s)
	return f, err
}

// ideaCounts counts the ideas created in s by their status now and by
// theme, and in all.
func (tx *Tx) ideaCounts(s Span) (map[IdeaStatus]int64, map[Theme]int64, int64) {
	byStatus, byTheme := map[IdeaStatus]int64{}, map[Theme]int64{}
	var total int64
	for _, st := range IdeaStatuses {
		if n := tx.stat("s", s.Key, string(st)); n != 0 {
			byStatus[st] = n
			total += n
		}
	}
	for _, th := range []Theme{ThemeThrift, ThemeInfrastructure} {
		byTheme[th] = tx.stat("t", s.Key, string(th))
	}
	return byStatus, byTheme, total
}

// IdeasIn is how many ideas were created in s.
func (tx *Tx) IdeasIn(s Span) int64 {
	_, _, total := tx.ideaCounts(s)
	return total
}

// RecognisedByMember counts, per member, their initiatives recognised by a
// decision dated in the period (a key such as Y2026).
func (tx *Tx) RecognisedByMember(period string) map[int64]int64 {
	out := map[int64]int64{}
	tx.statsWithPrefix("rec|"+period+"|", func(id string, n int64) {
		if v, err := strconv.ParseInt(id, 10, 64); err == nil {
			out[v] = n
		}
	})
	return out
}

// estimated is the estimated yearly savings of the live ideas created in s.
func (tx *Tx) estimated(s Span) int64 { return tx.stat("e", s.Key) }

// SavedByIdeas is the money the ideas' progress reports in s say was
// saved: of unit's ideas, or of all when unit is "".
func (tx *Tx) SavedByIdeas(s Span, unit string) int64 {
	if unit == "" {
		return tx.stat("a", s.Key)
	}
	return tx.stat("au", s.Key, unit)
}
