package bot

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"thiduabot/storage"
)

// Forms of reports and deadlines.
const (
	formReport   = "report"
	formDeadline = "deadline"
)

// maxReportFile is the largest document a bot can fetch from Telegram.
const maxReportFile = 20 << 20

// reportTypes are the documents a report may carry: PDF, DOCX, XLSX.
var reportTypes = map[string]string{
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

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
	err := b.round(func(tx *storage.Tx) error {
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
	if err == nil {
		b.metrics.reminders.Add(float64(fired))
		b.sender.Notify()
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
	// due reports whether the reminder key fires now: not yet done, and
	// its time has come. One past the grace is recorded as skipped.
	due := func(key string, at time.Time) (bool, error) {
		if now.Before(at) || tx.ReminderDone(key) {
			return false, nil
		}
		if now.Sub(at) > grace {
			return false, tx.RecordReminder(key, storage.ReminderSkipped)
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
		kb := [][]storage.Button{{{Text: T(lang, "btn.report"), Data: "rp:" + p.Key}}}
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

// toDirectorsText tells every director, each in their language.
func (b *Bot) toDirectorsText(tx *storage.Tx, key string, args ...any) error {
	directors, err := tx.Directors()
	if err != nil {
		return err
	}
	for _, d := range directors {
		if err := b.tell(tx, d.UserID, key, args...); err != nil {
			return err
		}
	}
	return nil
}

// cmdReport lets a head pick an open period to report for.
func (b *Bot) cmdReport(c *Ctx) error {
	periods, err := c.Periods(true)
	if err != nil {
		return err
	}
	if len(periods) == 0 {
		return c.Reply(c.T("report.none"))
	}
	var kb [][]storage.Button
	for _, p := range periods {
		mark := "📝 "
		if _, ok, err := c.Report(p.Key, c.Me.Unit); err != nil {
			return err
		} else if ok {
			mark = "✅ "
		}
		kb = append(kb, []storage.Button{{Text: truncate(mark+p.Name+" – "+FormatTime(p.Due, b.loc), 60), Data: "rp:" + p.Key}})
	}
	return c.Reply(c.T("report.pick"), kb...)
}

// onReportButton starts the report form for a period (from /report or from
// a reminder).
func (b *Bot) onReportButton(c *Ctx, key string) error {
	if !c.Me.IsHead("") {
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	p, err := c.Period(key)
	if err != nil {
		return err
	}
	if p.Closed {
		return storage.Errorf(storage.EConflict, "err.period_closed", p.Name)
	}
	intro := c.T("report.start", p.Name, FormatTime(p.Due, b.loc))
	if old, ok, err := c.Report(p.Key, c.Me.Unit); err != nil {
		return err
	} else if ok {
		intro = c.T("report.correct", p.Name, FormatTime(old.At, b.loc))
	}
	if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formReport, Step: "saved", Data: map[string]string{"period": key}}); err != nil {
		return err
	}
	return c.Reply(intro + "\n\n" + c.T("report.ask_saved"))
}

// reportStep: money saved this period → infrastructure progress → an
// optional document → confirm.
func (b *Bot) reportStep(c *Ctx, f storage.Form) error {
	pressed := strings.TrimPrefix(c.Req.Data, "f:")
	text := c.Req.Text
	save := func(step, prompt string, kb ...[]storage.Button) error {
		f.Step = step
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(prompt, kb...)
	}
	confirmKB := [][]storage.Button{{{Text: c.T("idea.send"), Data: "f:ok"}, {Text: c.T("idea.cancel"), Data: "f:cancel"}}}
	toConfirm := func() error {
		saved, _ := strconv.ParseInt(f.Data["saved"], 10, 64)
		doc := f.Data["doc_name"]
		if doc == "" {
			doc = "—"
		}
		p, err := c.Period(f.Data["period"])
		if err != nil {
			return err
		}
		return save("confirm", c.T("report.confirm", p.Name, FormatVND(saved), f.Data["infra"], doc), confirmKB...)
	}
	switch f.Step {
	case "saved":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		v, err := storage.ParseVND(text)
		if err != nil {
			return err
		}
		f.Data["saved"] = strconv.FormatInt(v, 10)
		return save("infra", c.T("report.ask_infra", storage.MaxDescriptionLen))
	case "infra":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		infra, err := storage.CheckDescription(text)
		if err != nil {
			return err
		}
		f.Data["infra"] = infra
		return save("doc", c.T("report.ask_doc"), []storage.Button{{Text: c.T("btn.skip"), Data: "f:skip"}})
	case "doc":
		if pressed == "skip" {
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return toConfirm()
		}
		d := c.Req.Document
		if d == nil {
			return c.Reply(c.T("report.ask_doc"), []storage.Button{{Text: c.T("btn.skip"), Data: "f:skip"}})
		}
		ext := strings.ToLower(d.FileName[strings.LastIndex(d.FileName, ".")+1:])
		if _, ok := reportTypes["."+ext]; !ok || !strings.Contains(d.FileName, ".") {
			return storage.Errorf(storage.EInvalid, "err.doc_type")
		}
		if d.FileSize > maxReportFile {
			return storage.Errorf(storage.EInvalid, "err.doc_size")
		}
		f.Data["doc_id"], f.Data["doc_name"] = d.FileID, d.FileName
		return toConfirm()
	case "confirm":
		switch pressed {
		case "cancel":
			return c.leaveForm()
		case "ok":
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return b.fileReport(c, f)
		}
		return c.Reply(c.T("form.choose"), confirmKB...)
	}
	return c.Answer(c.T("form.stale"), false)
}

// fileReport stores the report; a late one is passed on to the directors.
func (b *Bot) fileReport(c *Ctx, f storage.Form) error {
	saved, _ := strconv.ParseInt(f.Data["saved"], 10, 64)
	r, err := c.SubmitReport(c.Me, storage.Report{PeriodKey: f.Data["period"], Saved: saved, Infra: f.Data["infra"], DocFileID: f.Data["doc_id"], DocName: f.Data["doc_name"]})
	if err != nil {
		return err
	}
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	p, err := c.Period(r.PeriodKey)
	if err != nil {
		return err
	}
	key := "report.on_time"
	if r.Late {
		key = "report.late"
	}
	if err := c.Reply(c.T(key, p.Name, FormatVND(r.Saved))); err != nil {
		return err
	}
	if !c.Now().After(p.Due) {
		return nil
	}
	unit, _, err := c.Unit(r.Unit)
	if err != nil {
		return err
	}
	return b.toDirectorsText(c.Tx, "report.to_director", unit.Name, p.Name, FormatVND(r.Saved), r.Infra)
}

// cmdDeadlines lists the open and upcoming periods with the reports in:
// a head sees their unit's, directors and admins every unit's.
func (b *Bot) cmdDeadlines(c *Ctx) error {
	now := b.Now()
	periods, err := c.Periods(true)
	if err != nil {
		return err
	}
	units, err := c.Units()
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("deadlines.title"))
	var kb [][]storage.Button
	seen := map[string]bool{}
	for _, p := range periods {
		seen[p.DeadlineID] = true
		when := c.T("deadlines.left", HTML(left(c.Lang, p.Due.Sub(now))))
		if now.After(p.Due) {
			when = c.T("deadlines.overdue")
		}
		text.WriteString(c.T("deadlines.line", p.Name, FormatTime(p.Due, b.loc), HTML(when)))
		var missing []string
		for _, u := range units {
			r, ok, err := c.Report(p.Key, u.Code)
			if err != nil {
				return err
			}
			if !ok {
				missing = append(missing, u.Code)
			}
			if c.Me.IsHead(u.Code) && !c.Me.IsDirector() && !c.Me.IsAdmin() {
				switch {
				case !ok:
					text.WriteString(c.T("deadlines.yours_missing"))
				case r.Late:
					text.WriteString(c.T("deadlines.yours_late", FormatTime(r.At, b.loc)))
				default:
					text.WriteString(c.T("deadlines.yours_done", FormatTime(r.At, b.loc)))
				}
			}
		}
		if c.Me.IsDirector() || c.Me.IsAdmin() {
			text.WriteString(c.T("deadlines.status", len(units)-len(missing), len(units)))
			if len(missing) > 0 {
				text.WriteString(c.T("deadlines.missing", strings.Join(missing, ", ")))
			}
		}
		if c.Me.IsAdmin() && now.After(p.Due) {
			kb = append(kb, []storage.Button{{Text: truncate(c.T("btn.close")+" "+p.Name+" "+FormatTime(p.Due, b.loc), 60), Data: "dc:" + p.Key}})
		}
	}
	// The next occurrence of each deadline not open yet.
	deadlines, err := c.Deadlines()
	if err != nil {
		return err
	}
	var next []string
	for _, d := range deadlines {
		var t time.Time
		if d.Spec != "" {
			sched, err := cron.ParseStandard(d.Spec)
			if err != nil {
				return err
			}
			t = sched.Next(d.Cursor.In(b.loc))
		} else if !seen[d.ID] && d.DueAt.After(now) {
			t = d.DueAt
		}
		if !t.IsZero() {
			next = append(next, c.T("deadlines.next", d.Name, FormatTime(t, b.loc)))
		}
	}
	slices.Sort(next)
	for _, n := range next {
		text.WriteString(n)
	}
	if len(periods) == 0 && len(next) == 0 {
		return c.Reply(c.T("deadlines.none"))
	}
	return c.Reply(text.String(), kb...)
}

// onCloseButton closes a period (admins only).
func (b *Bot) onCloseButton(c *Ctx, key string) error {
	p, err := c.ClosePeriod(c.Me, key)
	if err != nil {
		return err
	}
	return c.Reply(c.T("period.closed", p.Name, FormatTime(p.Due, b.loc)))
}

// cmdAddDeadline lets an admin add a single deadline: a name, then a time.
func (b *Bot) cmdAddDeadline(c *Ctx) error {
	if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formDeadline, Step: "name"}); err != nil {
		return err
	}
	return c.Reply(c.T("deadline.ask_name"))
}

func (b *Bot) deadlineStep(c *Ctx, f storage.Form) error {
	if c.Req.CallbackID != "" || c.Req.Text == "" {
		return storage.Errorf(storage.EInvalid, "err.text_expected")
	}
	switch f.Step {
	case "name":
		f.Data["name"], f.Step = c.Req.Text, "due"
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(c.T("deadline.ask_due"))
	case "due":
		due, err := time.ParseInLocation("02/01/2006 15:04", strings.Join(strings.Fields(c.Req.Text), " "), b.loc)
		if err != nil {
			return storage.Errorf(storage.EInvalid, "err.deadline_format")
		}
		d, err := c.AddDeadline(c.Me, f.Data["name"], due)
		if err != nil {
			return err
		}
		if err := c.ClearForm(c.Req.UserID); err != nil {
			return err
		}
		return c.Reply(c.T("deadline.added", d.Name, FormatTime(d.DueAt, b.loc)))
	}
	return c.Answer(c.T("form.stale"), false)
}
