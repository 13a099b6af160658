package bot

import (
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"thiduabot/storage"
)

// formDeadline is the form of a single deadline added in chat.
const formDeadline = "deadline"

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
		text.WriteString(c.T("deadlines.line", p.Name, b.at(p.Due), HTML(when)))
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
					text.WriteString(c.T("deadlines.yours_late", b.at(r.At)))
				default:
					text.WriteString(c.T("deadlines.yours_done", b.at(r.At)))
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
			kb = append(kb, []storage.Button{{Text: truncate(c.T("btn.close")+" "+p.Name+" "+FormatTime(c.Lang, p.Due, b.loc), 60), Data: data(actClosePeriod, p.Key)}})
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
			next = append(next, c.T("deadlines.next", d.Name, b.at(t)))
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
	return c.Reply(c.T("period.closed", p.Name, b.at(p.Due)))
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
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
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
			return storage.Errorf(storage.EInvalid, reasonDueFormat)
		}
		d, err := c.AddDeadline(c.Me, f.Data["name"], due)
		if err != nil {
			return err
		}
		if err := c.ClearForm(c.Req.UserID); err != nil {
			return err
		}
		return c.Reply(c.T("deadline.added", d.Name, b.at(d.DueAt)))
	}
	return c.Answer(c.T("form.stale"), false)
}
