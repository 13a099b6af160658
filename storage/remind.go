package storage

import (
	"strconv"
	"time"

	"github.com/robfig/cron/v3"
)

// The reminder schedule (SPEC §5): when a deadline's periods open, and
// which reminders are due at a given moment, from the periods and the
// reports received. Nothing here reads the database or sends: the bot's
// sweep reads the facts, asks DueReminders, records and sends what it
// returns.

// ReminderSchedule is when heads are reminded of a deadline (the
// [reminders] table).
type ReminderSchedule struct {
	Before       []time.Duration // before the due time, each once
	OverdueEvery time.Duration   // after it, once an interval until the report comes in
	Grace        time.Duration   // one that fell due longer ago (the bot was down) is skipped
}

// Lead is how long before its due time a period opens: at the earliest
// reminder, so that its first reminder finds it.
func (s ReminderSchedule) Lead() time.Duration {
	var lead time.Duration
	for _, d := range s.Before {
		lead = max(lead, d)
	}
	return lead
}

// Occurrences returns the due times of d's periods that open by through
// (those after its cursor), and the cursor to keep after them.
func (d Deadline) Occurrences(through time.Time, loc *time.Location) ([]time.Time, time.Time, error) {
	var dues []time.Time
	cursor := d.Cursor
	if d.Spec == "" {
		if !d.DueAt.After(through) && cursor.Before(d.DueAt) {
			dues, cursor = append(dues, d.DueAt), d.DueAt
		}
		return dues, cursor, nil
	}
	sched, err := cron.ParseStandard(d.Spec)
	if err != nil {
		return nil, cursor, err
	}
	for t := sched.Next(cursor.In(loc)); !t.IsZero() && !t.After(through); t = sched.Next(t) {
		// When clocks fall back, a wall-clock time comes twice: it is one
		// deadline, not two.
		wall := func(x time.Time) string { return x.In(loc).Format("2006-01-02 15:04") }
		if wall(t) != wall(cursor) {
			dues = append(dues, t)
		}
		cursor = t
	}
	return dues, cursor, nil
}

// ReminderKind is what a reminder says, and to whom.
type ReminderKind byte

// The reminders of a period.
const (
	RemindBefore    ReminderKind = iota + 1 // to a unit's heads, before the due time
	RemindOverdue                           // to a unit's heads, after it
	RemindDirectors                         // to the directors at the due time: the units missing
)

// Reminder is one reminder that has fallen due.
type Reminder struct {
	// Key names the reminder for good: once recorded as sent or skipped
	// under it, it is never due again, across restarts.
	Key     string
	Kind    ReminderKind
	Period  Period
	Unit    Unit   // the unit reminded (RemindBefore, RemindOverdue)
	Missing []Unit // the units that have not reported (RemindDirectors)
	// Skip is set when it fell due longer ago than the grace: it is
	// recorded as skipped, not sent.
	Skip bool
}

// PeriodUnit names a unit's report for a period.
type PeriodUnit struct{ Period, Unit string }

// DueReminders returns the reminders due at now for periods, given the
// units and the reports received (by period and unit), leaving out those
// done already says were sent or skipped. They come in the order they
// are to go: period by period, each missing unit's reminders before the
// due time (in the schedule's order) and overdue notices, then the
// directors' list. A closed period has none.
func (s ReminderSchedule) DueReminders(now time.Time, periods []Period, units []Unit, reports map[PeriodUnit]Report, done func(key string) bool) []Reminder {
	var out []Reminder
	// add appends r, which falls due at at, unless that is still to come
	// or it was sent or skipped before.
	add := func(r Reminder, at time.Time) {
		if now.Before(at) || done(r.Key) {
			return
		}
		r.Skip = now.Sub(at) > s.Grace
		out = append(out, r)
	}
	for _, p := range periods {
		if p.Closed {
			continue
		}
		var missing []Unit
		for _, u := range units {
			if _, ok := reports[PeriodUnit{p.Key, u.Code}]; ok {
				continue
			}
			missing = append(missing, u)
			for _, before := range s.Before {
				key := p.Key + "|" + u.Code + "|b" + strconv.FormatInt(int64(before/time.Minute), 10)
				add(Reminder{Key: key, Kind: RemindBefore, Period: p, Unit: u}, p.Due.Add(-before))
			}
			if s.OverdueEvery <= 0 {
				continue // no interval, no overdue notices (the configuration refuses one)
			}
			for k := int64(1); !now.Before(p.Due.Add(time.Duration(k) * s.OverdueEvery)); k++ {
				key := p.Key + "|" + u.Code + "|o" + strconv.FormatInt(k, 10)
				add(Reminder{Key: key, Kind: RemindOverdue, Period: p, Unit: u}, p.Due.Add(time.Duration(k)*s.OverdueEvery))
			}
		}
		add(Reminder{Key: p.Key + "|*|due", Kind: RemindDirectors, Period: p, Missing: missing}, p.Due)
	}
	return out
}
