package storage

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"
)

// WorkReport is a unit's report on one of its works for a period. A
// correction keeps the earlier report in History.
type WorkReport struct {
	Work      string    `json:"work"`
	Unit      string    `json:"unit"`
	PeriodKey string    `json:"period_key"`
	Due       time.Time `json:"due"`
	// Milestone is the index of the milestone reached, -1 for none; and
	// ReachedOn the date it was reached.
	Milestone int          `json:"milestone"`
	ReachedOn time.Time    `json:"reached_on,omitzero"`
	Percent   float64      `json:"percent"`
	Disbursed int64        `json:"disbursed"` // VND disbursed to date
	Incident  bool         `json:"incident,omitempty"`
	Note      string       `json:"note,omitempty"`
	By        int64        `json:"by"`
	At        time.Time    `json:"at"`
	History   []WorkReport `json:"history,omitempty"`
}

func workReportPrefix(work string) []byte { return []byte(work + "|") }

func workReportKey(work string, due time.Time, period string) []byte {
	return fmt.Appendf(workReportPrefix(work), "%012d|%s", due.Unix(), period)
}

// Work returns a work by code.
func (tx *Tx) Work(code string) (Work, bool, error) {
	var w Work
	ok, err := tx.getJSON(bucketWorks, []byte(code), &w)
	return w, ok, err
}

// Works returns every work, by unit and code.
func (tx *Tx) Works() ([]Work, error) {
	var out []Work
	err := tx.tx.Bucket(bucketWorks).ForEach(func(k, v []byte) error {
		var w Work
		if err := decode(bucketWorks, k, v, &w); err != nil {
			return err
		}
		out = append(out, w)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Unit < out[j].Unit })
	return out, err
}

// WorksOf returns a unit's works, by code. It decodes only the unit's:
// a work's record names its unit as "unit":"CODE" (codes are capitals
// and digits), so the others are passed over unread.
func (tx *Tx) WorksOf(unit string) ([]Work, error) {
	var out []Work
	mark := []byte(`"unit":"` + unit + `"`)
	err := tx.tx.Bucket(bucketWorks).ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, mark) {
			return nil
		}
		var w Work
		if err := decode(bucketWorks, k, v, &w); err != nil {
			return err
		}
		if w.Unit == unit {
			out = append(out, w)
		}
		return nil
	})
	return out, err
}

// AddWork stores a work an admin added in chat: a new code, a known unit,
// funding within the investment, milestones named and in date order.
func (tx *Tx) AddWork(actor Member, w Work) (Work, error) {
	if !actor.IsAdmin() {
		return w, Errorf(EForbidden, ReasonNotAllowed)
	}
	if _, ok, err := tx.Work(w.Code); err != nil {
		return w, err
	} else if ok {
		return w, Errorf(EConflict, ReasonWorkCodeTaken, w.Code)
	}
	if _, err := tx.ExistingUnit(w.Unit); err != nil {
		return w, err
	}
	var err error
	if w.Name, err = CheckTitle(w.Name); err != nil {
		return w, err
	}
	if w.Investment < 0 || w.Investment > MaxVND || w.OutsideBudget < 0 || w.Budget < 0 || w.OutsideBudget+w.Budget > w.Investment {
		return w, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	for i, m := range w.Milestones {
		if strings.TrimSpace(m.Name) == "" || (i > 0 && m.Due.Before(w.Milestones[i-1].Due)) {
			return w, Errorf(EInvalid, ReasonWorkMilestonesOrder)
		}
	}
	w.FromChat, w.AddedBy = true, actor.UserID
	if err := putJSON(tx.tx.Bucket(bucketWorks), []byte(w.Code), w); err != nil {
		return w, err
	}
	return w, tx.audit(actor.UserID, AuditWorkAdd, w.Code, w.Name)
}

// WorkReports returns a work's reports, oldest first.
func (tx *Tx) WorkReports(work string) ([]WorkReport, error) {
	var out []WorkReport
	prefix := workReportPrefix(work)
	c := tx.tx.Bucket(bucketWorkReports).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r WorkReport
		if err := decode(bucketWorkReports, k, v, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// workReported reports whether a work was reported for a period.
func (tx *Tx) workReported(work string, p Period) bool {
	return tx.tx.Bucket(bucketWorkReports).Get(workReportKey(work, p.Due, p.Key)) != nil
}

// StateOf adds up a work's reports (oldest first): the milestones reached
// and when, the latest percentage and amount disbursed, the incidents.
func StateOf(reports []WorkReport) WorkState {
	st := WorkState{Reached: map[int]time.Time{}}
	for _, r := range reports {
		st.Reported = true
		if r.Milestone >= 0 {
			if _, ok := st.Reached[r.Milestone]; !ok {
				st.Reached[r.Milestone] = r.ReachedOn
			}
		}
		st.Percent, st.Disbursed = r.Percent, r.Disbursed
		if r.Incident {
			st.Incidents++
		}
	}
	return st
}

// RecordWork stores (or corrects) a report on one of the actor's unit's
// works for a period.
func (tx *Tx) RecordWork(actor Member, r WorkReport) (WorkReport, error) {
	p, err := tx.Period(r.PeriodKey)
	if who := actor.MayReport(p, r.Unit); who != nil {
		return r, who
	}
	if err != nil {
		return r, err
	}
	w, ok, err := tx.Work(r.Work)
	if err != nil {
		return r, err
	}
	if !ok || w.Unit != actor.Unit {
		return r, Errorf(EForbidden, ReasonWorkNotOwed)
	}
	if r.Percent < 0 || r.Percent > 100 {
		return r, Errorf(EInvalid, ReasonPercentValue)
	}
	if r.Disbursed < 0 || r.Disbursed > MaxVND {
		return r, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	if r.Milestone >= len(w.Milestones) || r.Milestone < -1 {
		return r, Errorf(EInvalid, ReasonWorkNotOwed)
	}
	if r.Milestone >= 0 && r.ReachedOn.IsZero() {
		r.ReachedOn = tx.now
	}
	if r.Note != "" {
		if r.Note, err = CheckReason(r.Note); err != nil {
			return r, err
		}
	}
	r.Unit, r.Due, r.By, r.At, r.History = actor.Unit, p.Due, actor.UserID, tx.now, nil
	key := workReportKey(w.Code, p.Due, p.Key)
	var old WorkReport
	if had, err := tx.getJSON(bucketWorkReports, key, &old); err != nil {
		return r, err
	} else if had {
		r.History = append(old.History, old)
		r.History[len(r.History)-1].History = nil
	}
	if err := putJSON(tx.tx.Bucket(bucketWorkReports), key, r); err != nil {
		return r, err
	}
	return r, tx.audit(actor.UserID, AuditWorkReport, w.Code+"|"+r.PeriodKey, fmt.Sprintf("%s %g%%", r.Unit, r.Percent))
}

// WorkStanding is where a work stands at a date.
type WorkStanding struct {
	Work     Work
	State    WorkState
	Schedule Schedule
}

// UnitWorks returns where each of a unit's works stands at a date (every
// unit's when unit is empty), the furthest behind first.
func (tx *Tx) UnitWorks(unit string, at time.Time) ([]WorkStanding, error) {
	var works []Work
	var err error
	if unit == "" {
		works, err = tx.Works()
	} else {
		works, err = tx.WorksOf(unit)
	}
	if err != nil {
		return nil, err
	}
	var out []WorkStanding
	for _, w := range works {
		reports, err := tx.WorkReports(w.Code)
		if err != nil {
			return nil, err
		}
		st := stateAt(reports, at)
		out = append(out, WorkStanding{Work: w, State: st, Schedule: w.ScheduleAt(st, at)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Schedule.Late() > out[j].Schedule.Late() })
	return out, nil
}
