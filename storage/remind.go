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

// Occurrence is one period of a deadline: heads may report from Opens,
// and it is due at Due (after that, a report is late).
type Occurrence struct{ Opens, Due time.Time }

// Occurrences returns d's periods that have opened by through and are not
// made yet (those due after its cursor), and the cursor to keep after
// them. A recurring deadline's period opens at its previous occurrence, a
// single deadline's when it was added (SPEC §5): so there is always one
// open to report in, however far off its due time or its reminders are.
func (d Deadline) Occurrences(through time.Time, loc *time.Location) ([]Occurrence, time.Time, error) {
	cursor := d.Cursor
	if d.Spec == "" {
		opens := d.Added
		if opens.IsZero() {
			opens = cursor // stored before Added was: its cursor was set when it came
		}
		if cursor.Before(d.DueAt) && !opens.After(through) {
			return []Occurrence{{Opens: opens, Due: d.DueAt}}, d.DueAt, nil
		}
		return nil, cursor, nil
	}
	sched, err := cron.ParseStandard(d.Spec)
	if err != nil {
		return nil, cursor, err
	}
	wall := func(x time.Time) string { return x.In(loc).Format("2006-01-02 15:04") }
	var out []Occurrence
	// The period of the next occurrence opens at the one before it: at the
	// cursor when that was an occurrence, and before it otherwise (the
	// deadline came in the middle of a period), so no later than it.
	opened := cursor
	for t := sched.Next(cursor.In(loc)); !t.IsZero() && !opened.After(through); t = sched.Next(t) {
		if wall(t) == wall(cursor) {
			// When clocks fall back, a wall-clock time comes twice: it
			// is one deadline, not two.
			cursor = t
			continue
		}
		opens := opened
		if len(out) == 0 {
			opens = previous(sched, t)
			if opens.IsZero() {
				opens = cursor
			}
		}
		out = append(out, Occurrence{Opens: opens, Due: t})
		opened, cursor = t, t
	}
	return out, cursor, nil
}

// previous returns the occurrence of sched before t (zero when there was
// none in years): cron only looks forward, so it looks forward from ever
// further back.
func previous(sched cron.Schedule, t time.Time) time.Time {
	for back := time.Hour; back <= 9*366*24*time.Hour; back *= 2 {
		p := sched.Next(t.Add(-back))
		if p.IsZero() || !p.Before(t) {
			continue
		}
		for n := sched.Next(p); !n.IsZero() && n.Before(t); n = sched.Next(n) {
			p = n
		}
		return p
	}
	return time.Time{}
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
// state says were sent. One recorded as skipped (its time had passed the
// grace) fires after all when its time is within the grace again: the
// clock that skipped it had jumped ahead and was set back, and it was never
// sent. Nothing sent fires again, whichever way the clock steps. A
// reminder whose offset falls before its period opened (a daily
// deadline's 7-day one, a single deadline's added two days before it is
// due) never falls due: there was nothing to report yet, and the heads
// were told of the period when it opened. They come in the order they
// are to go: period by period, each missing unit's reminders before the
// due time (in the schedule's order) and overdue notices, then the
// directors' list. A closed period has none.
func (s ReminderSchedule) DueReminders(now time.Time, periods []Period, units []Unit, reports map[PeriodUnit]Report, state func(key string) string) []Reminder {
	var out []Reminder
	// add appends r, which falls due at at, unless that is still to come
	// or it was sent, or skipped and still past the grace.
	add := func(r Reminder, at time.Time) {
		if now.Before(at) || at.Before(r.Period.Opens) {
			return // still to come, or before there was anything to report
		}
		late := now.Sub(at) > s.Grace
		switch state(r.Key) {
		case ReminderSent:
			return
		case ReminderSkipped:
			if late {
				return
			}
		default:
			r.Skip = late
		}
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
