package bot

import (
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
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

// reminderSchedule is the [reminders] table as the schedule reads it.
func (o *office) reminderSchedule() storage.ReminderSchedule {
	r := o.cfg.Reminders
	s := storage.ReminderSchedule{OverdueEvery: r.OverdueEvery.D(), Grace: r.Grace.D()}
	for _, d := range r.Before {
		s.Before = append(s.Before, d.D())
	}
	return s
}

// Sweep reads the stored facts, asks the schedule which reminders are due
// now (storage.ReminderSchedule.DueReminders) and sends them: each one
// once, in the same transaction that records it. One that fell due while
// the bot was down is sent late unless it is older than the grace period,
// then it is recorded as skipped. cron only triggers it; it also runs at
// start-up to catch up.
func (b *Bot) Sweep() error {
	now := b.Now()
	sched := b.reminderSchedule()
	fired := 0
	err := b.round(func(tx *storage.Tx) error {
		fired = 0
		if err := tx.OpenPeriods(now); err != nil {
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
		reports, err := tx.ReportsFor(periods, units)
		if err != nil {
			return err
		}
		var heads *round // the reminders to heads: whom they miss is told once
		for _, r := range sched.DueReminders(now, periods, units, reports, tx.Reminders().State) {
			if r.Skip {
				if err := tx.Reminders().Record(r.Key, storage.ReminderSkipped); err != nil {
					return err
				}
				continue
			}
			fired++
			if err := tx.Reminders().Record(r.Key, storage.ReminderSent); err != nil {
				return err
			}
			if err := b.remind(tx, &heads, now, r, len(units)); err != nil {
				return err
			}
		}
		return b.endRound(tx, heads)
	})
	switch {
	case err == nil:
		b.metrics.Reminded(fired)
		b.sender.Notify()
		b.stored()
	case storage.IsDiskFull(err): // sent at the next sweep after there is room
		b.diskFull(nil, err)
	}
	return err
}

// remind sends one reminder: before the due time and after it to the heads
// of the unit that has not reported (in the round heads), at the due time
// the list of missing units (of total) to the directors.
func (o *office) remind(tx *storage.Tx, heads **round, now time.Time, r storage.Reminder, total int) error {
	p := r.Period
	switch r.Kind {
	case storage.RemindBefore:
		return o.remindHeads(tx, heads, p, r.Unit, "remind.before", p.Due.Sub(now))
	case storage.RemindOverdue:
		return o.remindHeads(tx, heads, p, r.Unit, "remind.overdue", 0)
	}
	var names []string
	for _, u := range r.Missing {
		owed, err := owedCodes(tx, p, u.Code)
		if err != nil {
			return err
		}
		names = append(names, u.Code+owed)
	}
	return o.toDirectorsText(tx, "remind.directors", p.Name, o.at(p.Due), total-len(r.Missing), total, strings.Join(names, ", "))
}

// left writes a duration before a due time the way people say it.
func left(lang string, d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return texts.T(lang, "left.days", int((d+time.Hour)/(24*time.Hour)))
	case d >= time.Hour:
		return texts.T(lang, "left.hours", int((d+time.Minute)/time.Hour))
	}
	return texts.T(lang, "left.minutes", max(1, int(d/time.Minute)))
}

// remindHeads sends a reminder with a button that opens the report form
// to each head of a unit, each in their language, as messages of the round
// r. Only a head may report: a unit with none is named to the admins when
// the round ends, and so is a head the reminder cannot reach.
func (o *office) remindHeads(tx *storage.Tx, r **round, p storage.Period, u storage.Unit, key string, timeLeft time.Duration) error {
	heads, err := tx.UnitHeads(u.Code)
	if err != nil {
		return err
	}
	if err := o.begin(tx, r, "remind"); err != nil {
		return err
	}
	rd := *r
	rd.AddSubject(p.Name, p.Due)
	if len(heads) == 0 {
		rd.AddHeadless(u.Code)
	}
	for _, h := range heads {
		lang := o.langOf(h)
		args := []any{p.Name, u.Name, o.at(p.Due)}
		if timeLeft > 0 {
			args = append(args, texts.HTML(left(lang, timeLeft)))
		}
		text := texts.T(lang, key, args...)
		if owed, err := owedText(tx, lang, p, u.Code); err != nil {
			return err
		} else if owed != "" {
			text += "\n" + owed
		}
		m := storage.Message{ChatID: h.UserID, Text: text, Keyboard: [][]storage.Button{reportButton(lang, p, u.Code)}, Tag: reportTag(p.Key, u.Code)}
		if err := o.post(tx, rd.inRound(m)); err != nil {
			return err
		}
	}
	return nil
}
