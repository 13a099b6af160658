package bot

import (
	"strconv"
	"strings"
	"thiduabot/storage"
	"time"

	"github.com/robfig/cron/v3"
)

// syncDeadlines stores the configured deadlines.
func (b *Bot) syncDeadlines() error {
	var list []storage.Deadline
	for _, d := range b.cfg.Deadlines {
		sd := storage.Deadline{Name: d.Name, Spec: d.Due.Spec}
		if !d.DueAt.IsZero() {
			sd.DueAt = d.DueAt.In(b.loc)
		}
		list = append(list, sd)
	}
	return b.db.SyncDeadlines(list)
}

// leadTime is the earliest reminder before a due time: a period opens then.
func (b *Bot) leadTime() time.Duration {
	var lead time.Duration
	for _, d := range b.cfg.Reminders.Before {
		lead = max(lead, d.D())
	}
	return lead
}

// Sweep decides from stored facts which reminders are due now and sends
// them: each one once, in the same transaction that records it. One that
// fell due while the bot was down is sent late unless it is older than the
// grace period, then it is recorded as skipped. cron only triggers it; it
// also runs at start-up to catch up.
func (b *Bot) Sweep() error {
	now := b.Now()
	fired := 0
	err := b.db.Update(func(tx *storage.Tx) error {
		fired = 0
		if err := b.openPeriods(tx, now); err != nil {
			return err
		}
		periods, err := tx.Periods(true)
		if err != nil {
			return err
		}
		units, err := tx.Units()
		if err != nil {
			return err
		}
		for _, p := range periods {
			if err := b.remindPeriod(tx, now, p, units, &fired); err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case err == nil:
		b.metrics.reminders.Add(float64(fired))
		b.sender.Notify()
		b.stored()
	case storage.IsDiskFull(err): // sent at the next sweep after there is room
		b.diskFull(nil, err)
	}
	return err
}

// openPeriods makes a period of every occurrence due within the lead time.
func (b *Bot) openPeriods(tx *storage.Tx, now time.Time) error {
	deadlines, err := tx.Deadlines()
	if err != nil {
		return err
	}
	horizon := now.Add(b.leadTime())
	for _, d := range deadlines {
		before := d.Cursor
		if d.Spec != "" {
			sched, err := cron.ParseStandard(d.Spec)
			if err != nil {
				return err
			}
			for t := sched.Next(d.Cursor.In(b.loc)); !t.IsZero() && !t.After(horizon); t = sched.Next(t) {
				// When clocks fall back, a wall-clock time comes twice:
				// it is one deadline, not two.
				wall := func(x time.Time) string { return x.In(b.loc).Format("2006-01-02 15:04") }
				if wall(t) != wall(d.Cursor) {
					if _, err := tx.EnsurePeriod(d, t); err != nil {
						return err
					}
				}
				d.Cursor = t
			}
		} else if !d.DueAt.After(horizon) && d.Cursor.Before(d.DueAt) {
			if _, err := tx.EnsurePeriod(d, d.DueAt); err != nil {
				return err
			}
			d.Cursor = d.DueAt
		}
		if !d.Cursor.Equal(before) {
			if err := tx.PutDeadline(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// remindPeriod sends what is due for one period: reminders before the due
// time and overdue notices after it to the heads of units that have not
// reported, and at the due time the list of missing units to the directors.
func (b *Bot) remindPeriod(tx *storage.Tx, now time.Time, p storage.Period, units []storage.Unit, fired *int) error {
	grace := b.cfg.Reminders.Grace.D()
	// due reports whether the reminder key fires now: not yet sent, and
	// its time has come. One past the grace is recorded as skipped; a
	// skipped one whose time is within the grace again (the clock that
	// skipped it had jumped ahead, and was set back) was never sent: it
	// fires. Nothing sent fires again, whichever way the clock steps.
	due := func(key string, at time.Time) (bool, error) {
		if now.Before(at) {
			return false, nil
		}
		late := now.Sub(at) > grace
		switch tx.ReminderState(key) {
		case storage.ReminderSent:
			return false, nil
		case storage.ReminderSkipped:
			if late {
				return false, nil
			}
		default:
			if late {
				return false, tx.RecordReminder(key, storage.ReminderSkipped)
			}
		}
		*fired++
		return true, tx.RecordReminder(key, storage.ReminderSent)
	}
	var missing []storage.Unit
	for _, u := range units {
		if _, ok, err := tx.Report(p.Key, u.Code); err != nil {
			return err
		} else if ok {
			continue
		}
		missing = append(missing, u)
		for _, before := range b.cfg.Reminders.Before {
			key := p.Key + "|" + u.Code + "|b" + strconv.FormatInt(int64(before.D()/time.Minute), 10)
			fire, err := due(key, p.Due.Add(-before.D()))
			if err != nil {
				return err
			}
			if fire {
				if err := b.remindHeads(tx, p, u, "remind.before", p.Due.Sub(now)); err != nil {
					return err
				}
			}
		}
		every := b.cfg.Reminders.OverdueEvery.D()
		for k := int64(1); !now.Before(p.Due.Add(time.Duration(k) * every)); k++ {
			key := p.Key + "|" + u.Code + "|o" + strconv.FormatInt(k, 10)
			fire, err := due(key, p.Due.Add(time.Duration(k)*every))
			if err != nil {
				return err
			}
			if fire {
				if err := b.remindHeads(tx, p, u, "remind.overdue", 0); err != nil {
					return err
				}
			}
		}
	}
	fire, err := due(p.Key+"|*|due", p.Due)
	if err != nil || !fire {
		return err
	}
	var names []string
	for _, u := range missing {
		names = append(names, u.Code)
	}
	return b.toDirectorsText(tx, "remind.directors", p.Name, FormatTime(p.Due, b.loc), len(units)-len(missing), len(units), strings.Join(names, ", "))
}

// left writes a duration before a due time the way people say it.
func left(lang string, d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return T(lang, "left.days", int((d+time.Hour)/(24*time.Hour)))
	case d >= time.Hour:
		return T(lang, "left.hours", int((d+time.Minute)/time.Hour))
	}
	return T(lang, "left.minutes", max(1, int(d/time.Minute)))
}

// remindHeads sends a reminder with a button that opens the report form to
// each head of a unit (to the admins when the unit has none, or when a head
// cannot be reached), each in their language.
func (b *Bot) remindHeads(tx *storage.Tx, p storage.Period, u storage.Unit, key string, timeLeft time.Duration) error {
	heads, err := tx.UnitHeads(u.Code)
	if err != nil {
		return err
	}
	admins, err := tx.Admins()
	if err != nil {
		return err
	}
	to := heads
	if len(to) == 0 {
		for _, id := range admins {
			a, _, err := tx.Member(id)
			if err != nil {
				return err
			}
			to = append(to, a)
		}
	}
	for _, h := range to {
		lang := b.langOf(h)
		kb := [][]storage.Button{{{Text: T(lang, "btn.report"), Data: data(actReport, p.Key)}}}
		args := []any{p.Name, u.Name, FormatTime(p.Due, b.loc)}
		if timeLeft > 0 {
			args = append(args, HTML(left(lang, timeLeft)))
		}
		text := T(lang, key, args...)
		if err := b.send(tx, h.UserID, text, kb, without(admins, h.UserID)); err != nil {
			return err
		}
	}
	return nil
}
