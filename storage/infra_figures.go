package storage

import "time"

// infraFigures are the infrastructure's numbers for a span: every unit's
// standing on each indicator it has a target for and every work's
// schedule, as at the span's end (or now, while it runs). /summary, the
// digest, the dashboard and the workbook read them from Figures.
type InfraFigures struct {
	At         time.Time
	Year       int
	Indicators []Standing     // every unit's, the furthest behind first
	Works      []WorkStanding // the latest first
	// IndicatorPace and WorkPace count them ahead, on plan and behind.
	IndicatorPace, WorkPace map[Pace]int
	// Investment, OutsideBudget and Disbursed add up the works: the
	// investment planned, the part from outside the state budget, and
	// what their reports say was disbursed to date.
	Investment, OutsideBudget, Disbursed int64
	Incidents                            int
}

// infraFigures reads the infrastructure's figures of span s.
func (tx *Tx) infraFigures(s Span) (InfraFigures, error) {
	at := tx.now
	if end := s.End.Add(-time.Second); end.Before(at) {
		at = end
	}
	f := InfraFigures{At: at, Year: at.In(tx.loc()).Year(), IndicatorPace: map[Pace]int{}, WorkPace: map[Pace]int{}}
	units, err := tx.Units()
	if err != nil {
		return f, err
	}
	for _, u := range units {
		st, err := tx.UnitStandings(u.Code, at)
		if err != nil {
			return f, err
		}
		f.Indicators = append(f.Indicators, st...)
	}
	SortStandings(f.Indicators)
	for _, s := range f.Indicators {
		f.IndicatorPace[s.Pace]++
	}
	if f.Works, err = tx.UnitWorks("", at); err != nil {
		return f, err
	}
	for _, w := range f.Works {
		f.WorkPace[w.Schedule.Pace]++
		f.Investment += w.Work.Investment
		f.OutsideBudget += w.Work.OutsideBudget
		f.Disbursed += w.State.Disbursed
		f.Incidents += w.State.Incidents
	}
	return f, nil
}

// stateAt is a work's reports added up as they stood at a date: those
// of periods due by then, and those filed by then.
func stateAt(reports []WorkReport, at time.Time) WorkState {
	var upto []WorkReport
	for _, r := range reports {
		if !r.Due.After(at) || !r.At.After(at) {
			upto = append(upto, r)
		}
	}
	return StateOf(upto)
}

// valuesAt is an indicator's reports as they stood at a date, likewise.
func valuesAt(reports []IndicatorReport, at time.Time) []IndicatorValue {
	var upto []IndicatorReport
	for _, r := range reports {
		if !r.Due.After(at) || !r.At.After(at) {
			upto = append(upto, r)
		}
	}
	return Values(upto)
}
