package bot

import (
	"slices"
	"strings"
	"time"

	"thiduabot/bot/texts"

	"github.com/robfig/cron/v3"

	"thiduabot/storage"
)

// cmdDeadlines lists the open periods, each from when it opened to its due
// time, with the reports in (a head sees their unit's, directors and
// admins every unit's), then the next period of each deadline. An admin
// gets a period's buttons: close it once due, and correct or delete a
// single deadline of theirs before any report is filed for it.
func cmdDeadlines(c *Ctx) error {
	now := c.tx.Now()
	if err := c.tx.OpenPeriods(now); err != nil {
		return err
	}
	periods, err := c.tx.Periods(true)
	if err != nil {
		return err
	}
	units, err := c.tx.Units()
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("deadlines.title"))
	var kb [][]storage.Button
	seen := map[string]bool{}
	for _, p := range periods {
		seen[p.DeadlineID] = true
		when := c.T("deadlines.left", texts.HTML(left(c.Lang, p.Due.Sub(now))))
		if now.After(p.Due) {
			when = c.T("deadlines.overdue")
		}
		text.WriteString(c.T("deadlines.line", p.Name, c.bot.at(p.Due), texts.HTML(when)))
		if !p.Opens.IsZero() {
			text.WriteString(c.T("deadlines.window", c.bot.at(p.Opens), c.bot.at(p.Due)))
		}
		var missing []string
		for _, u := range units {
			r, ok, err := c.tx.Report(p.Key, u.Code)
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
					text.WriteString(c.T("deadlines.yours_late", c.bot.at(r.At)))
				default:
					text.WriteString(c.T("deadlines.yours_done", c.bot.at(r.At)))
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
			kb = append(kb, []storage.Button{{Text: truncate(c.T("btn.close")+" "+p.Name+" "+texts.FormatTime(c.Lang, p.Due, c.bot.loc), 60), Data: data(actClosePeriod, p.Key)}})
		}
		if _, err := c.tx.MayChangeDeadline(c.Me, p.DeadlineID); err == nil {
			kb = append(kb, []storage.Button{
				{Text: truncate(c.T("btn.deadline_edit")+" "+p.Name, 40), Data: data(actDeadline, "e", p.DeadlineID)},
				{Text: c.T("btn.deadline_delete"), Data: data(actDeadline, "x", p.DeadlineID)},
			})
		}
	}
	// The next period of each deadline, open once the current one is due.
	deadlines, err := c.tx.Deadlines()
	if err != nil {
		return err
	}
	var next []string
	for _, d := range deadlines {
		var opens, due time.Time
		if d.Spec != "" {
			sched, err := cron.ParseStandard(d.Spec)
			if err != nil {
				return err
			}
			opens, due = d.Cursor, sched.Next(d.Cursor.In(c.bot.loc))
		} else if !seen[d.ID] && d.Cursor.Before(d.DueAt) {
			opens, due = d.Added, d.DueAt
		}
		if !due.IsZero() {
			next = append(next, c.T("deadlines.upcoming", d.Name, c.bot.at(opens), c.bot.at(due)))
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
func onCloseButton(c *Ctx, key string) error {
	p, err := c.tx.ClosePeriod(c.Me, key)
	if err != nil {
		return err
	}
	return c.Reply(c.T("period.closed", p.Name, c.bot.at(p.Due)))
}
