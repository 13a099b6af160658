package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"time"
)

var (
	bucketIndicators       = []byte("indicators")        // code → Indicator (without its targets), from the configuration
	bucketTargets          = []byte("indicator_targets") // unit|year|code → Target
	bucketIndicatorReports = []byte("indicator_reports") // indicator|unit|due|period → IndicatorReport
	bucketWorks            = []byte("works")             // code → Work
	bucketWorkReports      = []byte("work_reports")      // work|due|period → WorkReport

	// keyInfraHash (in meta) is the hash of the infrastructure last synced.
	keyInfraHash = []byte("infra_hash")
)

// The reasons the infrastructure's rules refuse with.
const (
	ReasonPercentValue        Reason = "percent_value" // not a percentage from 0 to 100
	ReasonAmountValue         Reason = "amount_value"  // not a non-negative number
	ReasonIndicatorNotOwed    Reason = "indicator_not_owed"
	ReasonWorkNotOwed         Reason = "work_not_owed"
	ReasonLowerNeedsReason    Reason = "lower_needs_reason" // the last value
	ReasonWorkCodeTaken       Reason = "work_code_taken"    // the code
	ReasonWorkMilestonesOrder Reason = "work_milestones_order"
)

// IndicatorReport is a unit's value of an indicator for a reporting
// period. A correction keeps the earlier values in History.
type IndicatorReport struct {
	Indicator string    `json:"indicator"`
	Unit      string    `json:"unit"`
	PeriodKey string    `json:"period_key"`
	Due       time.Time `json:"due"` // the period's due time: the date the value is at
	Value     float64   `json:"value"`
	// Reason is why a level is lower than the one reported before.
	Reason  string            `json:"reason,omitempty"`
	Note    string            `json:"note,omitempty"`
	By      int64             `json:"by"`
	At      time.Time         `json:"at"`
	History []IndicatorReport `json:"history,omitempty"`
}

func indicatorReportPrefix(ind, unit string) []byte { return []byte(ind + "|" + unit + "|") }

func indicatorReportKey(ind, unit string, due time.Time, period string) []byte {
	return fmt.Appendf(indicatorReportPrefix(ind, unit), "%012d|%s", due.Unix(), period)
}

// SyncInfra makes the stored indicators and configured works match the
// configuration. An indicator that left it is no longer asked for (its
// reports stay); a work added in chat is left alone.
func (db *DB) SyncInfra(inds []Indicator, works []Work) error {
	// Unchanged since the last start: nothing to write (a start-up with
	// hundreds of targets would otherwise rewrite them all).
	sum, err := json.Marshal(struct {
		I []Indicator
		W []Work
	}{inds, works})
	if err != nil {
		return err
	}
	hash := sha256.Sum256(sum)
	same := false
	if err := db.View(func(tx *Tx) error {
		same = bytes.Equal(tx.tx.Bucket(bucketMeta).Get(keyInfraHash), hash[:])
		return nil
	}); err != nil || same {
		return err
	}
	return db.Update(func(tx *Tx) error {
		if err := tx.tx.Bucket(bucketMeta).Put(keyInfraHash, hash[:]); err != nil {
			return err
		}
		b := tx.tx.Bucket(bucketIndicators)
		// The targets are kept apart, by unit and year, so that a unit's
		// view reads its own and not every unit's.
		if err := tx.tx.DeleteBucket(bucketTargets); err != nil {
			return err
		}
		tb, err := tx.tx.CreateBucket(bucketTargets)
		if err != nil {
			return err
		}
		keep := map[string]bool{}
		for _, ind := range inds {
			keep[ind.Code] = true
			for _, t := range ind.Targets {
				if err := putJSON(tb, targetKey(t.Unit, t.Year, ind.Code), t); err != nil {
					return err
				}
			}
			head := ind
			head.Targets = nil
			if err := putJSON(b, []byte(ind.Code), head); err != nil {
				return err
			}
		}
		var gone [][]byte
		_ = b.ForEach(func(k, _ []byte) error {
			if !keep[string(k)] {
				gone = append(gone, append([]byte(nil), k...))
			}
			return nil
		})
		for _, k := range gone {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		wb := tx.tx.Bucket(bucketWorks)
		for _, w := range works {
			if old, ok, err := tx.Work(w.Code); err != nil {
				return err
			} else if ok && old.FromChat {
				continue
			}
			if err := putJSON(wb, []byte(w.Code), w); err != nil {
				return err
			}
		}
		return nil
	})
}

func targetPrefix(unit string, year int) []byte { return fmt.Appendf(nil, "%s|%04d|", unit, year) }

func targetKey(unit string, year int, code string) []byte {
	return append(targetPrefix(unit, year), code...)
}

// Target returns a unit's target of an indicator for a year.
func (tx *Tx) Target(code, unit string, year int) (Target, bool, error) {
	var t Target
	ok, err := tx.getJSON(bucketTargets, targetKey(unit, year, code), &t)
	return t, ok, err
}

// unitTargets returns a unit's targets for a year, by indicator code.
func (tx *Tx) unitTargets(unit string, year int) (map[string]Target, error) {
	out := map[string]Target{}
	prefix := targetPrefix(unit, year)
	c := tx.tx.Bucket(bucketTargets).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var t Target
		if err := decode(bucketTargets, k, v, &t); err != nil {
			return nil, err
		}
		out[string(k[len(prefix):])] = t
	}
	return out, nil
}

// Indicators returns the indicators by code, without their targets
// (Tx.Target has them).
func (tx *Tx) Indicators() ([]Indicator, error) {
	var out []Indicator
	err := tx.tx.Bucket(bucketIndicators).ForEach(func(k, v []byte) error {
		var ind Indicator
		if err := decode(bucketIndicators, k, v, &ind); err != nil {
			return err
		}
		out = append(out, ind)
		return nil
	})
	return out, err
}

// Indicator returns an indicator by code.
func (tx *Tx) Indicator(code string) (Indicator, bool, error) {
	var ind Indicator
	ok, err := tx.getJSON(bucketIndicators, []byte(code), &ind)
	return ind, ok, err
}

// IndicatorReports returns a unit's reports of an indicator, oldest first.
func (tx *Tx) IndicatorReports(ind, unit string) ([]IndicatorReport, error) {
	return tx.indicatorReportsSince(ind, unit, time.Time{})
}

// indicatorReportsSince returns a unit's reports of an indicator for the
// periods due from since on, oldest first: a year's, without reading the
// years before.
func (tx *Tx) indicatorReportsSince(ind, unit string, since time.Time) ([]IndicatorReport, error) {
	var out []IndicatorReport
	prefix := indicatorReportPrefix(ind, unit)
	from := prefix
	if !since.IsZero() {
		from = fmt.Appendf(append([]byte(nil), prefix...), "%012d", max(since.Unix(), 0))
	}
	c := tx.tx.Bucket(bucketIndicatorReports).Cursor()
	for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r IndicatorReport
		if err := decode(bucketIndicatorReports, k, v, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Values turns reports into the values the rules take.
func Values(reports []IndicatorReport) []IndicatorValue {
	out := make([]IndicatorValue, len(reports))
	for i, r := range reports {
		out[i] = IndicatorValue{Value: r.Value, At: r.Due}
	}
	return out
}

// LastIndicatorValue returns the latest value a unit reported of an
// indicator for a period due before due (a correction compares with the
// value before the period it corrects).
func (tx *Tx) LastIndicatorValue(ind, unit string, due time.Time) (IndicatorReport, bool, error) {
	list, err := tx.IndicatorReports(ind, unit)
	if err != nil {
		return IndicatorReport{}, false, err
	}
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Due.Before(due) {
			return list[i], true, nil
		}
	}
	return IndicatorReport{}, false, nil
}

// OwedIndicators returns the indicators a unit has a target for in the
// year of a period, by code.
func (tx *Tx) OwedIndicators(p Period, unit string) ([]Indicator, error) {
	all, err := tx.Indicators()
	if err != nil {
		return nil, err
	}
	targets, err := tx.unitTargets(unit, p.Due.In(tx.loc()).Year())
	if err != nil {
		return nil, err
	}
	var out []Indicator
	for _, ind := range all {
		if _, ok := targets[ind.Code]; ok {
			out = append(out, ind)
		}
	}
	return out, nil
}

func (tx *Tx) loc() *time.Location {
	if tx.db != nil {
		return tx.db.Loc()
	}
	return time.UTC
}

// RecordIndicator stores (or corrects) the actor's unit's value of an
// indicator for a period: a head of the unit, an open period, an indicator
// the unit has a target for that year, a value the measure allows, and a
// reason when a level falls below the last one reported.
func (tx *Tx) RecordIndicator(actor Member, r IndicatorReport) (IndicatorReport, error) {
	p, err := tx.Period(r.PeriodKey)
	if who := actor.MayReport(p, r.Unit); who != nil {
		return r, who
	}
	if err != nil {
		return r, err
	}
	ind, ok, err := tx.Indicator(r.Indicator)
	if err != nil {
		return r, err
	}
	if !ok {
		return r, Errorf(EForbidden, ReasonIndicatorNotOwed)
	}
	if _, ok, err := tx.Target(ind.Code, actor.Unit, p.Due.In(tx.loc()).Year()); err != nil {
		return r, err
	} else if !ok {
		return r, Errorf(EForbidden, ReasonIndicatorNotOwed)
	}
	if ind.Percent() && (r.Value < 0 || r.Value > 100) {
		return r, Errorf(EInvalid, ReasonPercentValue)
	}
	if r.Value < 0 || r.Value > 1e15 {
		return r, Errorf(EInvalid, ReasonAmountValue)
	}
	if r.Reason != "" {
		if r.Reason, err = CheckReason(r.Reason); err != nil {
			return r, err
		}
	}
	last, had, err := tx.LastIndicatorValue(ind.Code, actor.Unit, p.Due)
	if err != nil {
		return r, err
	}
	if LowerThanLast(ind.Kind, r.Value, IndicatorValue{Value: last.Value, At: last.Due}, had) && r.Reason == "" {
		return r, Errorf(EInvalid, ReasonLowerNeedsReason, last.Value)
	}
	r.Unit, r.Due, r.By, r.At, r.History = actor.Unit, p.Due, actor.UserID, tx.now, nil
	key := indicatorReportKey(ind.Code, r.Unit, p.Due, p.Key)
	var old IndicatorReport
	if had, err := tx.getJSON(bucketIndicatorReports, key, &old); err != nil {
		return r, err
	} else if had {
		r.History = append(old.History, old)
		r.History[len(r.History)-1].History = nil
	}
	if err := putJSON(tx.tx.Bucket(bucketIndicatorReports), key, r); err != nil {
		return r, err
	}
	return r, tx.audit(actor.UserID, AuditIndicatorReport, ind.Code+"|"+r.PeriodKey, fmt.Sprintf("%s %g", r.Unit, r.Value))
}

// indicatorReported reports whether a unit reported an indicator for a period.
func (tx *Tx) indicatorReported(ind, unit string, p Period) bool {
	return tx.tx.Bucket(bucketIndicatorReports).Get(indicatorReportKey(ind, unit, p.Due, p.Key)) != nil
}

// Owed is what a unit still has to report for a period besides the report
// itself: its indicators and works not yet reported.
type Owed struct {
	Indicators []Indicator
	Works      []Work
}

// Empty reports whether nothing is owed.
func (o Owed) Empty() bool { return len(o.Indicators) == 0 && len(o.Works) == 0 }

// StillOwed returns what a unit has not yet reported for a period.
func (tx *Tx) StillOwed(p Period, unit string) (Owed, error) {
	var o Owed
	inds, err := tx.OwedIndicators(p, unit)
	if err != nil {
		return o, err
	}
	for _, ind := range inds {
		if !tx.indicatorReported(ind.Code, unit, p) {
			o.Indicators = append(o.Indicators, ind)
		}
	}
	works, err := tx.WorksOf(unit)
	if err != nil {
		return o, err
	}
	for _, w := range works {
		if !tx.workReported(w.Code, p) {
			o.Works = append(o.Works, w)
		}
	}
	return o, nil
}

// UnitStandings returns where a unit stands at a date on each indicator it
// has a target for that year, the furthest behind first.
func (tx *Tx) UnitStandings(unit string, at time.Time) ([]Standing, error) {
	all, err := tx.Indicators()
	if err != nil {
		return nil, err
	}
	year := at.In(tx.loc()).Year()
	targets, err := tx.unitTargets(unit, year)
	if err != nil {
		return nil, err
	}
	var out []Standing
	for _, ind := range all {
		t, ok := targets[ind.Code]
		if !ok {
			continue
		}
		reports, err := tx.indicatorReportsSince(ind.Code, unit, time.Date(year, 1, 1, 0, 0, 0, 0, tx.loc()))
		if err != nil {
			return nil, err
		}
		out = append(out, Stand(ind, t, valuesAt(reports, at), at, tx.loc()))
	}
	SortStandings(out)
	return out, nil
}
