package bot

import (
	"strings"

	"thiduabot/bot/render"
	"thiduabot/bot/texts"

	"thiduabot/storage"
)

// infraChart draws each indicator's actual and plan to date as shares of
// the year's target, in the leaderboard's style (render.PlanChart).
func (o *office) infraChart(lang string, u storage.Unit, st []storage.Standing, year int, format string) ([]byte, error) {
	if len(st) == 0 {
		return nil, nil
	}
	labels := make([]string, len(st))
	actual, plan := make([]float64, len(st)), make([]float64, len(st))
	for i, s := range st {
		labels[i] = s.Indicator.Code
		if s.Goal != 0 {
			actual[i] = roundTo(100*s.Now/s.Goal, 1)
			plan[i] = roundTo(100*s.Plan/s.Goal, 1)
		}
	}
	return render.PlanChart(texts.T(lang, "hatang.chart_caption", o.shortName(u), year), texts.T(lang, "hatang.chart_actual"), texts.T(lang, "hatang.chart_plan"), labels, actual, plan, format)
}

func roundTo(v float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}

// sendIndicatorCard shows an indicator of a unit period by period.
func sendIndicatorCard(c *Ctx, code, unit string) error {
	ind, ok, err := c.tx.Indicator(code)
	if err != nil {
		return err
	}
	now := c.tx.Now()
	t, has, err := c.tx.Target(code, unit, now.In(c.bot.loc).Year())
	if err != nil {
		return err
	}
	if !ok || !has {
		return storage.Errorf(storage.EForbidden, storage.ReasonIndicatorNotOwed)
	}
	u, err := c.tx.ExistingUnit(unit)
	if err != nil {
		return err
	}
	reports, err := c.tx.IndicatorReports(code, unit)
	if err != nil {
		return err
	}
	s := storage.Stand(ind, t, storage.Values(reports), now, c.bot.loc)
	changed := ""
	if !s.Changed.IsZero() {
		changed = c.T("report.ind_changed", s.Changed.In(c.bot.loc).Format("02/01/2006"))
	}
	lines := []string{c.T("hatang.card_title", ind.Name, u.Name, t.Year, num(c.Lang, t.Baseline), ind.Measure, num(c.Lang, s.Goal), ind.Measure, texts.HTML(changed),
		num(c.Lang, s.Now), ind.Measure, c.T("hatang.pace."+s.Pace.String()))}
	n := 0
	for _, r := range reports {
		if r.Due.In(c.bot.loc).Year() != t.Year {
			continue
		}
		n++
		why := ""
		if r.Reason != "" {
			why = c.T("hatang.card_reason", r.Reason)
		}
		lines = append(lines, c.T("hatang.card_row", r.Due.In(c.bot.loc).Format("02/01/2006"), num(c.Lang, r.Value), ind.Measure, num(c.Lang, t.PlanAt(ind.Kind, r.Due, c.bot.loc)), texts.HTML(why)))
	}
	if n == 0 {
		lines = append(lines, c.T("hatang.card_empty"))
	}
	return c.Reply(strings.Join(lines, "\n"), []storage.Button{{Text: "« " + c.bot.shortName(u), Data: data(actHatang, "u", unit)}})
}

// The infrastructure's refusals, in the one table from reason to text.
func init() {
	for reason, key := range map[storage.Reason]string{
		storage.ReasonPercentValue:        "err.percent_value",
		storage.ReasonAmountValue:         "err.amount_value",
		storage.ReasonIndicatorNotOwed:    "err.indicator_not_owed",
		storage.ReasonWorkNotOwed:         "err.work_not_owed",
		storage.ReasonLowerNeedsReason:    "err.lower_needs_reason",
		storage.ReasonWorkCodeTaken:       "err.work_code_taken",
		storage.ReasonWorkMilestonesOrder: "err.work_milestones_order",
	} {
		errorTexts[reason] = key
	}
}
