package storage

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Deadline is a reporting deadline: recurring (Spec, a cron spec in the
// organisation's zone) or single (DueAt).
type Deadline struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Spec      string    `json:"spec,omitempty"`
	DueAt     time.Time `json:"due_at,omitzero"`
	FromChat  bool      `json:"from_chat,omitempty"`
	CreatedBy int64     `json:"created_by,omitempty"`
	// Cursor is the latest occurrence already made into a period.
	Cursor time.Time `json:"cursor,omitzero"`
	// Added is when the deadline came (in chat, or into the file): a
	// single deadline's period opens then.
	Added time.Time `json:"added,omitzero"`
}

// ConfigDeadlineID names a configured deadline by its name, so that
// reordering the file keeps each one's periods.
func ConfigDeadlineID(name string) string {
	sum := sha1.Sum([]byte(name))
	return "c" + hex.EncodeToString(sum[:4])
}

// Period is one occurrence of a deadline: every unit owes one report for it.
type Period struct {
	Key        string    `json:"key"` // deadline id @ unix due time
	DeadlineID string    `json:"deadline_id"`
	Name       string    `json:"name"`
	Due        time.Time `json:"due"`
	Closed     bool      `json:"closed,omitempty"`
	// Opens is when heads could first report for it (zero for a period
	// made before periods said so).
	Opens time.Time `json:"opens,omitzero"`
}

// PeriodKey names the period of deadline id due at due.
func PeriodKey(id string, due time.Time) string {
	return id + "@" + strconv.FormatInt(due.Unix(), 10)
}

// Report is a unit's report for a period.
type Report struct {
	PeriodKey string    `json:"period_key"`
	Unit      string    `json:"unit"`
	By        int64     `json:"by"`
	Saved     int64     `json:"saved"`
	Infra     string    `json:"infra"`
	DocFileID string    `json:"doc_file_id,omitempty"`
	DocName   string    `json:"doc_name,omitempty"`
	At        time.Time `json:"at"`
	First     time.Time `json:"first,omitzero"` // when it first came in
	Late      bool      `json:"late"`
	Revisions int       `json:"revisions,omitempty"`
}

// FirstAt is when the report first came in (its points are earned then).
func (r Report) FirstAt() time.Time {
	if r.First.IsZero() {
		return r.At
	}
	return r.First
}

// SyncDeadlines makes the stored configured deadlines match the
// configuration; a deadline new to the file starts from now, and one that
// left it stops making periods (its periods stay).
func (db *DB) SyncDeadlines(list []Deadline) error {
	return db.Update(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketDeadlines)
		keep := map[string]bool{}
		for _, d := range list {
			d.ID = ConfigDeadlineID(d.Name)
			keep[d.ID] = true
			var old Deadline
			ok, err := tx.getJSON(bucketDeadlines, []byte(d.ID), &old)
			if err != nil {
				return err
			}
			d.Cursor, d.Added = tx.now, tx.now
			if ok && old.Spec == d.Spec && old.DueAt.Equal(d.DueAt) {
				d.Cursor, d.Added = old.Cursor, old.Added
			}
			if err := putJSON(b, []byte(d.ID), d); err != nil {
				return err
			}
		}
		var gone [][]byte
		b.ForEach(func(k, v []byte) error {
			if k[0] == 'c' && !keep[string(k)] {
				gone = append(gone, append([]byte(nil), k...))
			}
			return nil
		})
		for _, k := range gone {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// Deadlines returns every deadline.
func (tx *Tx) Deadlines() ([]Deadline, error) {
	var out []Deadline
	err := tx.tx.Bucket(bucketDeadlines).ForEach(func(k, v []byte) error {
		var d Deadline
		if err := decode(bucketDeadlines, k, v, &d); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// OpenPeriods makes a period of every occurrence of a deadline that has
// opened by now (Deadline.Occurrences, in the organisation's zone), and
// moves each deadline's cursor past them. The reminders' sweep does, and
// so do /report and /deadlines, so that what they show never waits for
// the next sweep.
func (tx *Tx) OpenPeriods(now time.Time) error {
	deadlines, err := tx.Deadlines()
	if err != nil {
		return err
	}
	for _, d := range deadlines {
		occurrences, cursor, err := d.Occurrences(now, tx.db.Loc())
		if err != nil {
			return err
		}
		for _, o := range occurrences {
			if _, err := tx.ensurePeriod(d, o); err != nil {
				return err
			}
		}
		if !cursor.Equal(d.Cursor) {
			d.Cursor = cursor
			if err := tx.putDeadline(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// putDeadline stores a deadline (its cursor moved on).
func (tx *Tx) putDeadline(d Deadline) error {
	return putJSON(tx.tx.Bucket(bucketDeadlines), []byte(d.ID), d)
}

// ensurePeriod stores the period of d that o is, if it is not there yet.
func (tx *Tx) ensurePeriod(d Deadline, o Occurrence) (Period, error) {
	key := PeriodKey(d.ID, o.Due)
	var p Period
	b := tx.tx.Bucket(bucketPeriods)
	ok, err := tx.getJSON(bucketPeriods, []byte(key), &p)
	if err != nil || ok {
		return p, err
	}
	p = Period{Key: key, DeadlineID: d.ID, Name: d.Name, Due: o.Due, Opens: o.Opens}
	return p, putJSON(b, []byte(key), p)
}

// Period returns a period by key.
func (tx *Tx) Period(key string) (Period, error) {
	return getRecord[Period](tx, bucketPeriods, []byte(key), func() error {
		return Errorf(ENotFound, ReasonPeriodNotFound)
	})
}

// Periods returns the periods, the open ones only when openOnly, by due time.
func (tx *Tx) Periods(openOnly bool) ([]Period, error) {
	var out []Period
	err := tx.tx.Bucket(bucketPeriods).ForEach(func(k, v []byte) error {
		var p Period
		if err := decode(bucketPeriods, k, v, &p); err != nil {
			return err
		}
		if !openOnly || !p.Closed {
			out = append(out, p)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, err
}

// ClosePeriod closes a period: no more reports or corrections, no more
// reminders. Only admins may.
func (tx *Tx) ClosePeriod(actor Member, key string) (Period, error) {
	p, err := tx.Period(key)
	if err != nil {
		return p, err
	}
	if !actor.IsAdmin() {
		return p, Errorf(EForbidden, ReasonNotAllowed)
	}
	if p.Closed {
		return p, Errorf(EConflict, ReasonPeriodClosed, p.Name)
	}
	p.Closed = true
	if err := putJSON(tx.tx.Bucket(bucketPeriods), []byte(key), p); err != nil {
		return p, err
	}
	return p, tx.audit(actor.UserID, AuditPeriodClose, key, p.Name)
}

func reportKey(period, unit string) []byte { return []byte(period + "|" + unit) }

// Report returns a unit's report for a period, if there is one.
func (tx *Tx) Report(period, unit string) (Report, bool, error) {
	var r Report
	ok, err := tx.getJSON(bucketReports, reportKey(period, unit), &r)
	return r, ok, err
}

// ReportsFor returns the reports received for periods from units, by
// period and unit: the facts the reminders and the commendation are
// decided from.
func (tx *Tx) ReportsFor(periods []Period, units []Unit) (map[PeriodUnit]Report, error) {
	out := map[PeriodUnit]Report{}
	for _, p := range periods {
		for _, u := range units {
			r, ok, err := tx.Report(p.Key, u.Code)
			if err != nil {
				return nil, err
			}
			if ok {
				out[PeriodUnit{p.Key, u.Code}] = r
			}
		}
	}
	return out, nil
}

// SubmitReport stores (or corrects) the actor's unit's report for a
// period, marked late when it comes after the due time. r.Unit, when set,
// is the unit the report was begun for: the actor's, or it is refused.
func (tx *Tx) SubmitReport(actor Member, r Report) (Report, error) {
	p, err := tx.Period(r.PeriodKey)
	if who := actor.MayReport(p, r.Unit); who != nil {
		return r, who // before the lookup's error: a non-head learns nothing of the period
	}
	if err != nil {
		return r, err
	}
	if r.Saved < 0 || r.Saved > MaxVND {
		return r, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	if r.Infra != "" { // the note on infrastructure may be left out
		if r.Infra, err = CheckDescription(r.Infra); err != nil {
			return r, err
		}
	}
	old, had, err := tx.Report(r.PeriodKey, actor.Unit)
	if err != nil {
		return r, err
	}
	r.Unit, r.By, r.At, r.First = actor.Unit, actor.UserID, tx.now, tx.now
	r.Late = p.LateAt(tx.now)
	if had {
		// A correction keeps the first report's time and punctuality.
		r.Late, r.Revisions, r.First = old.Late, old.Revisions+1, old.FirstAt()
	}
	if err := putJSON(tx.tx.Bucket(bucketReports), reportKey(r.PeriodKey, r.Unit), r); err != nil {
		return r, err
	}
	if !had {
		if err := tx.award(0, r.Unit, tx.now, tx.db.opt.Scoring.Points(r.Deed())); err != nil {
			return r, err
		}
	}
	return r, tx.audit(actor.UserID, AuditReportSubmit, r.PeriodKey, r.Unit)
}

// Reminder states.
const (
	ReminderSent    = "sent"
	ReminderSkipped = "skipped" // fell due while the bot was down, past the grace
)

// Done reports whether the reminder named key was already sent or
// skipped.
func (r Reminders) Done(key string) bool {
	tx := r.tx
	return tx.tx.Bucket(bucketReminders).Get([]byte(key)) != nil
}

// State returns what was recorded of the reminder named key:
// ReminderSent, ReminderSkipped, or "" when nothing was.
func (r Reminders) State(key string) string {
	tx := r.tx
	state, _, _ := strings.Cut(string(tx.tx.Bucket(bucketReminders).Get([]byte(key))), " ")
	return state
}

// Record records that the reminder named key was sent or skipped.
func (r Reminders) Record(key, state string) error {
	tx := r.tx
	return tx.tx.Bucket(bucketReminders).Put([]byte(key), []byte(state+" "+tx.now.UTC().Format(time.RFC3339)))
}

// Skipped counts the reminders recorded as skipped.
func (r Reminders) Skipped() int {
	tx := r.tx
	n := 0
	tx.tx.Bucket(bucketReminders).ForEach(func(_, v []byte) error {
		if strings.HasPrefix(string(v), ReminderSkipped) {
			n++
		}
		return nil
	})
	return n
}
