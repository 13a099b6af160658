package bot

import (
	"fmt"
	"strings"
	"thiduabot/bot/period"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// cmdSummary answers with the span's Figures, read from the kept counters
// and totals, never by reading every idea: ideas by status and theme, the
// estimated savings and the actual ones (by the ideas' progress, and by the
// units' reports), each unit against its yearly target, the reports due in
// the span, the best members and units, the open waste reports.
func cmdSummary(c *Ctx) error {
	if c.Req.Group {
		return storage.Errorf(storage.EForbidden, reasonPrivateOnly)
	}
	s, err := c.bot.parseSpan(c.Req.Args)
	if err != nil {
		return err
	}
	text, err := c.bot.summaryText(c.tx, c.Lang, s)
	if err != nil {
		return err
	}
	return c.Reply(text, c.bot.dashboardButton(c.Lang)...)
}

func (o *office) summaryText(tx *storage.Tx, lang string, s storage.Span) (string, error) {
	f, err := tx.Figures(s)
	if err != nil {
		return "", err
	}
	return o.figuresText(tx, lang, s, f)
}

// figuresText writes the figures of a span, every block under its heading
// (docs/figures.md says what each counts).
func (o *office) figuresText(tx *storage.Tx, lang string, s storage.Span, f storage.Figures) (string, error) {
	var out strings.Builder
	out.WriteString(texts.T(lang, "sum.title", period.Name(lang, s)))
	out.WriteString(texts.T(lang, "sum.ideas", f.Ideas, f.ByTheme[storage.ThemeThrift], f.ByTheme[storage.ThemeInfrastructure]))
	var byStatus []string
	for _, st := range storage.IdeaStatuses {
		if n := f.ByStatus[st]; n > 0 {
			byStatus = append(byStatus, fmt.Sprintf("%s %d", texts.T(lang, "idea."+string(st)), n))
		}
	}
	if len(byStatus) > 0 {
		out.WriteString("\n" + strings.Join(byStatus, "; "))
	}
	out.WriteString(texts.T(lang, "fig.savings", texts.Money(f.Estimated), texts.Money(f.SavedByIdeas), texts.Money(f.SavedByReports)))
	out.WriteString(texts.T(lang, "fig.targets", s.Start.Year()))
	for _, u := range f.Units {
		if pct, ok := u.Percent(); ok {
			out.WriteString(texts.T(lang, "fig.target_line", u.Unit.Name, texts.Money(u.SavedByReports), texts.Money(u.Unit.Target), pct, texts.Money(u.SavedByIdeas)))
		} else {
			out.WriteString(texts.T(lang, "fig.no_target", u.Unit.Name, texts.Money(u.SavedByReports), texts.Money(u.SavedByIdeas)))
		}
	}
	out.WriteString(texts.T(lang, "fig.reports"))
	if len(f.Periods) == 0 {
		out.WriteString(texts.T(lang, "fig.no_periods"))
	}
	names := map[string]string{}
	for _, u := range f.Units {
		names[u.Unit.Code] = u.Unit.Name
	}
	for _, p := range f.Periods {
		due := o.at(p.Period.Due)
		if !f.At.After(p.Period.Due) {
			out.WriteString(texts.T(lang, "fig.report_pending", p.Period.Name, due, p.Count[storage.ReportOnTime]+p.Count[storage.ReportLate], p.Count[storage.ReportPending]))
			continue
		}
		out.WriteString(texts.T(lang, "sum.report_line", p.Period.Name, due, p.Count[storage.ReportOnTime], p.Count[storage.ReportLate], p.Count[storage.ReportMissing]))
		var missing []string
		for _, u := range f.Units {
			if p.States[u.Unit.Code] == storage.ReportMissing {
				missing = append(missing, u.Unit.Name)
			}
		}
		if len(missing) > 0 {
			out.WriteString(texts.T(lang, "sum.missing", strings.Join(missing, ", ")))
		}
	}
	if len(f.Members) > 0 {
		out.WriteString(texts.T(lang, "fig.top_members"))
		for i := 0; i < len(f.Members) && i < summaryTop; i++ {
			m, _, err := tx.Member(f.Members[i].Member)
			if err != nil {
				return "", err
			}
			out.WriteString(texts.T(lang, "sum.top_line", f.Members[i].Rank, displayName(lang, m), o.unitShort(tx, m.Unit), f.Members[i].Points))
		}
	}
	if len(f.UnitRanks) > 0 {
		out.WriteString(texts.T(lang, "fig.top_units"))
		for i := 0; i < len(f.UnitRanks) && i < summaryTop; i++ {
			name := names[f.UnitRanks[i].Unit]
			if name == "" {
				name = f.UnitRanks[i].Unit
			}
			out.WriteString(texts.T(lang, "sum.top_unit", f.UnitRanks[i].Rank, name, f.UnitRanks[i].Points))
		}
	}
	out.WriteString(texts.T(lang, "sum.waste", f.OpenWaste))
	if f.Recovered > 0 { // its own line: never the ideas' savings
		out.WriteString(texts.T(lang, "law.sum.recovered", texts.Money(f.Recovered)))
	}
	out.WriteString(o.infraFiguresText(tx, lang, f.Infra))
	return out.String(), nil
}

// summaryTop is how many members and units the summary names.
const summaryTop = 3

// unitShort is a unit's short name (units.short), for a line that also
// names a person; its code when it has none or is unknown.
func (o *office) unitShort(tx *storage.Tx, code string) string {
	u, ok, err := tx.Unit(code)
	if err != nil || !ok {
		return code
	}
	return o.shortName(u)
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
		if tx.Reminders().Done(key) {
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
			if err := b.send(tx, d.UserID, texts.T(b.langOf(d), "sum.digest")+text, b.dashboardButton(b.langOf(d)), nil); err != nil {
				return err
			}
		}
		return tx.Reminders().Record(key, storage.ReminderSent)
	})
	if err == nil {
		b.sender.Notify()
	}
	return err
}
