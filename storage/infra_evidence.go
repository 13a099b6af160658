package storage

import (
	"math"
	"strings"
	"time"
)

// Benefit is what an infrastructure idea says it brings, when not (only)
// money: the indicator it moves and by how much, or a sentence why its
// benefit cannot be counted. An idea with neither states a saving in
// money (EstSavings), as a thrift idea does.
type Benefit struct {
	Indicator string  `json:"indicator,omitempty"`
	Amount    float64 `json:"amount,omitempty"` // in the indicator's measure
	Why       string  `json:"why,omitempty"`
}

// Check keeps a benefit meaningful: an indicator with a positive amount,
// or a reason; only for an infrastructure idea.
func (b *Benefit) Check(theme Theme) error {
	if theme != ThemeInfrastructure {
		return Errorf(EInvalid, ReasonThemeUnknown)
	}
	if b.Indicator != "" {
		if b.Amount <= 0 || math.IsInf(b.Amount, 0) || math.IsNaN(b.Amount) {
			return Errorf(EInvalid, ReasonAmountValue)
		}
		return nil
	}
	var err error
	b.Why, err = CheckReason(b.Why)
	return err
}

// vndPer is how many đồng one of an indicator's measure is, for the
// measures that are money ("triệu đồng", "tỷ đồng", "đồng"); 0 otherwise.
func vndPer(measure string) float64 {
	m := strings.ToLower(strings.TrimSpace(measure))
	switch {
	case strings.HasPrefix(m, "tỷ"):
		return 1e9
	case strings.HasPrefix(m, "triệu"):
		return 1e6
	case m == "đồng" || m == "vnd" || m == "đ":
		return 1
	}
	return 0
}

// UnitInfraEvidence is a collective's infrastructure evidence for
// commendation in a year, as at its end (or now, while it runs): the
// indicators it reached or passed, and its works on or ahead of schedule.
func (tx *Tx) UnitInfraEvidence(unit string, year int) ([]Standing, []WorkStanding, error) {
	at := tx.yearEnd(year)
	st, err := tx.UnitStandings(unit, at)
	if err != nil {
		return nil, nil, err
	}
	var reached []Standing
	for _, s := range st {
		if s.Reported && s.Now >= s.Goal {
			reached = append(reached, s)
		}
	}
	works, err := tx.UnitWorks(unit, at)
	if err != nil {
		return nil, nil, err
	}
	var onTime []WorkStanding
	for _, w := range works {
		if w.State.Reported && w.Schedule.Pace != Behind {
			onTime = append(onTime, w)
		}
	}
	return reached, onTime, nil
}

// PersonInfraEvidence is a person's infrastructure evidence in a year:
// their infrastructure initiatives approved for application in the year
// and not refused since (applied, asked to be recognised, or recognised), and the outside-budget investment they
// mobilised, which is what those initiatives name as moving an indicator
// measured in money (such as "Vốn ngoài ngân sách huy động", in triệu
// đồng), in VND.
func (tx *Tx) PersonInfraEvidence(userID int64, year int) ([]Idea, int64, error) {
	ideas, _, err := tx.Ideas(IdeaFilter{Author: userID, Theme: ThemeInfrastructure}, math.MaxInt32)
	if err != nil {
		return nil, 0, err
	}
	var out []Idea
	var mobilised float64
	for _, idea := range ideas {
		if idea.Theme != ThemeInfrastructure || idea.AcceptedAt.IsZero() || idea.AcceptedAt.In(tx.loc()).Year() != year {
			continue
		}
		switch idea.Status {
		case IdeaApproved, IdeaInProgress, IdeaDone, IdeaRequested, IdeaRecognised:
		default:
			continue
		}
		out = append(out, idea)
		if b := idea.Benefit; b != nil && b.Indicator != "" {
			if ind, ok, err := tx.Indicator(b.Indicator); err != nil {
				return nil, 0, err
			} else if ok {
				mobilised += b.Amount * vndPer(ind.Measure)
			}
		}
	}
	return out, int64(math.Round(mobilised)), nil
}

// yearEnd is the last moment of year in the organisation's zone, or now
// when that is earlier.
func (tx *Tx) yearEnd(year int) time.Time {
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, tx.loc()).Add(-time.Second)
	if tx.now.Before(end) {
		return tx.now
	}
	return end
}
