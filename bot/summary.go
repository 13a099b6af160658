package bot

import (
	"fmt"
	"strings"
	"time"

	"thiduabot/storage"
)

// cmdSummary answers from the kept counters and totals, never by reading
// every idea: ideas by status and theme, estimated against actual savings,
// each unit's savings against its yearly target, the latest reports, the
// best members and units, the open waste reports.
func (b *Bot) cmdSummary(c *Ctx) error {
	if c.Req.Group {
		return storage.Errorf(storage.EForbidden, reasonPrivateOnly)
	}
	s, err := b.parseSpan(c.Req.Args)
	if err != nil {
		return err
	}
	text, err := b.summaryText(c.Tx, c.Lang, s)
	if err != nil {
		return err
	}
	return c.Reply(text)
}

func (b *Bot) summaryText(tx *storage.Tx, lang string, s span) (string, error) {
	var out strings.Builder
	out.WriteString(T(lang, "sum.title", periodName(lang, s)))
	var total int64
	var byStatus []string
	for _, st := range storage.IdeaStatuses {
		if n := tx.Stat("s", s.key, string(st)); n > 0 {
			total += n
			byStatus = append(byStatus, fmt.Sprintf("%s %d", T(lang, "idea."+string(st)), n))
		}
	}
	out.WriteString(T(lang, "sum.ideas", total, tx.Stat("t", s.key, string(storage.ThemeThrift)), tx.Stat("t", s.key, string(storage.ThemeInfrastructure))))
	if len(byStatus) > 0 {
		out.WriteString("\n" + strings.Join(byStatus, "; "))
	}
	out.WriteString(T(lang, "sum.savings", Money(tx.Stat("e", s.key)), Money(tx.Stat("a", s.key))))
	units, err := tx.Units()
	if err != nil {
		return "", err
	}
	year := storage.PeriodOf(storage.Year, s.start, b.loc)
	out.WriteString(T(lang, "sum.targets", s.start.Year()))
	for _, u := range units {
		saved := tx.Stat("au", year, u.Code)
		if u.Target > 0 {
			out.WriteString(T(lang, "sum.target_line", u.Code, Money(saved), Money(u.Target), saved*100/u.Target))
		} else {
			out.WriteString(T(lang, "sum.no_target", u.Code, Money(saved)))
		}
	}
	periods, err := tx.Periods(false)
	if err != nil {
		return "", err
	}
	now := b.Now()
	var recent []storage.Period
	for _, p := range periods {
		if !p.Due.After(now) {
			recent = append(recent, p)
		}
	}
	if len(recent) > 3 {
		recent = recent[len(recent)-3:]
	}
	if len(recent) > 0 {
		out.WriteString(T(lang, "sum.reports"))
	}
	for _, p := range recent {
		onTime, late := 0, 0
		var missing []string
		for _, u := range units {
			r, ok, err := tx.Report(p.Key, u.Code)
			switch {
			case err != nil:
				return "", err
			case !ok:
				missing = append(missing, u.Code)
			case r.Late:
				late++
			default:
				onTime++
			}
		}
		out.WriteString(T(lang, "sum.report_line", p.Name, b.at(p.Due), onTime, late, len(missing)))
		if len(missing) > 0 {
			out.WriteString(T(lang, "sum.missing", strings.Join(missing, ", ")))
		}
	}
	members, err := tx.Ranking(s.key, false)
	if err != nil {
		return "", err
	}
	ranked, err := tx.Ranking(s.key, true)
	if err != nil {
		return "", err
	}
	if len(members) > 0 {
		out.WriteString(T(lang, "sum.top"))
		for i := 0; i < len(members) && i < 3; i++ {
			m, _, err := tx.Member(members[i].Member)
			if err != nil {
				return "", err
			}
			out.WriteString(T(lang, "sum.top_line", i+1, displayName(lang, m), m.Unit, members[i].Points))
		}
		for i := 0; i < len(ranked) && i < 3; i++ {
			out.WriteString(T(lang, "sum.top_unit", i+1, ranked[i].Unit, ranked[i].Points))
		}
	}
	_, open, err := tx.Wastes(true, 0)
	if err != nil {
		return "", err
	}
	out.WriteString(T(lang, "sum.waste", open))
	return out.String(), nil
}

// PostDigest sends the directors the summary of the current quarter, once
// per occurrence of summary.digest_schedule.
func (b *Bot) PostDigest() error {
	spec := b.cfg.Summary.DigestSchedule
	if spec.Schedule == nil {
		return nil
	}
	now := b.Now()
	var due time.Time
	for t := spec.Schedule.Next(now.Add(-b.cfg.Reminders.Grace.D() - time.Minute).In(b.loc)); !t.IsZero() && !t.After(now); t = spec.Schedule.Next(t) {
		due = t
	}
	if due.IsZero() {
		return nil
	}
	s, err := b.parseSpan("")
	if err != nil {
		return err
	}
	key := "digest|" + due.UTC().Format(time.RFC3339)
	err = b.round(func(tx *storage.Tx) error {
		if tx.ReminderDone(key) {
			return nil
		}
		directors, err := tx.Directors()
		if err != nil {
			return err
		}
		for _, d := range directors {
			text, err := b.summaryText(tx, b.langOf(d), s)
			if err != nil {
				return err
			}
			if err := b.send(tx, d.UserID, T(b.langOf(d), "sum.digest")+text, nil, nil); err != nil {
				return err
			}
		}
		return tx.RecordReminder(key, storage.ReminderSent)
	})
	if err == nil {
		b.sender.Notify()
	}
	return err
}
