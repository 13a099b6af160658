package bot

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/go-analyze/charts"

	"thiduabot/storage"
)

// actHatang opens a unit's infrastructure ("ha:u:BCVT") or an indicator's
// card ("ha:i:THON4G:BCVT"), or the overview ("ha:all").
const actHatang = "ha"

// paceMark is the sign of a pace: 🟢 ahead, 🟡 on plan, 🔴 behind.
func paceMark(p storage.Pace) string {
	switch p {
	case storage.Ahead:
		return "🟢"
	case storage.Behind:
		return "🔴"
	}
	return "🟡"
}

// cmdHatang shows infrastructure against the plan: a member their unit's,
// directors and admins every unit's, the furthest behind first.
func (b *Bot) cmdHatang(c *Ctx) error {
	if c.Me.IsDirector() || c.Me.IsAdmin() {
		text, kb, err := b.hatangOverview(c.Tx, c.Lang, c.Now())
		if err != nil {
			return err
		}
		return c.Reply(text, kb...)
	}
	return b.sendHatangUnit(c, c.Me.Unit)
}

// onHatangButton opens what a /hatang button names, once the presser may
// see that unit: a forged button for another unit is refused (and so
// audited).
func (b *Bot) onHatangButton(c *Ctx, arg string) error {
	kind, rest, _ := strings.Cut(arg, ":")
	switch kind {
	case "all":
		if !c.Me.IsDirector() && !c.Me.IsAdmin() {
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		text, kb, err := b.hatangOverview(c.Tx, c.Lang, c.Now())
		if err != nil {
			return err
		}
		return c.Reply(text, kb...)
	case "u":
		if err := c.Me.MaySeeInfra(rest); err != nil {
			return err
		}
		return b.sendHatangUnit(c, rest)
	case "i":
		code, unit, _ := strings.Cut(rest, ":")
		if err := c.Me.MaySeeInfra(unit); err != nil {
			return err
		}
		return b.sendIndicatorCard(c, code, unit)
	}
	return c.Answer(c.T("form.stale"), false)
}

// unitInfra is one unit's infrastructure at a date.
type unitInfra struct {
	unit      storage.Unit
	standings []storage.Standing
	works     []storage.WorkStanding
}

// worst is how far the unit is behind: its worst indicator's gap, less a
// share for each day its latest work is late.
func (u unitInfra) worst() float64 {
	w := 0.0
	if len(u.standings) > 0 {
		w = u.standings[0].Gap
	}
	if len(u.works) > 0 && u.works[0].Schedule.Late() > 0 {
		w = min(w, -float64(u.works[0].Schedule.Late())/365)
	}
	return w
}

func (u unitInfra) behind() (inds, works int) {
	for _, s := range u.standings {
		if s.Pace == storage.Behind {
			inds++
		}
	}
	for _, w := range u.works {
		if w.Schedule.Pace == storage.Behind {
			works++
		}
	}
	return inds, works
}

// HatangUnits returns every unit's infrastructure at a date, the furthest
// behind first; units with neither indicator nor work are left out.
func HatangUnits(tx *storage.Tx, at time.Time) ([]unitInfra, error) {
	units, err := tx.Units()
	if err != nil {
		return nil, err
	}
	works, err := tx.UnitWorks("", at)
	if err != nil {
		return nil, err
	}
	var out []unitInfra
	for _, u := range units {
		st, err := tx.UnitStandings(u.Code, at)
		if err != nil {
			return nil, err
		}
		ui := unitInfra{unit: u, standings: st}
		for _, w := range works {
			if w.Work.Unit == u.Code {
				ui.works = append(ui.works, w)
			}
		}
		if len(ui.standings) > 0 || len(ui.works) > 0 {
			out = append(out, ui)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].worst() < out[j].worst() })
	return out, nil
}

func (b *Bot) hatangOverview(tx *storage.Tx, lang string, now time.Time) (string, [][]storage.Button, error) {
	all, err := HatangUnits(tx, now)
	if err != nil {
		return "", nil, err
	}
	year := now.In(b.loc).Year()
	if len(all) == 0 {
		return T(lang, "hatang.none", year), nil, nil
	}
	lines := []string{T(lang, "hatang.all_title", year, now.In(b.loc).Format("02/01/2006"))}
	var kb [][]storage.Button
	for _, u := range all {
		bi, bw := u.behind()
		mark := "🟢"
		if bi+bw > 0 {
			mark = "🔴"
		}
		lines = append(lines, T(lang, "hatang.unit_row", mark, u.unit.Name, bi, len(u.standings), bw, len(u.works)))
		kb = append(kb, []storage.Button{{Text: truncate(mark+" "+b.shortName(u.unit), 40), Data: data(actHatang, "u", u.unit.Code)}})
	}
	return strings.Join(lines, "\n"), kb, nil
}

// hatangUnitText is a unit's indicators and works against the plan.
func (b *Bot) hatangUnitText(tx *storage.Tx, lang string, u storage.Unit, now time.Time) (string, [][]storage.Button, []storage.Standing, error) {
	year := now.In(b.loc).Year()
	st, err := tx.UnitStandings(u.Code, now)
	if err != nil {
		return "", nil, nil, err
	}
	works, err := tx.UnitWorks(u.Code, now)
	if err != nil {
		return "", nil, nil, err
	}
	if len(st) == 0 && len(works) == 0 {
		return T(lang, "hatang.none", year), nil, nil, nil
	}
	lines := []string{T(lang, "hatang.unit_title", u.Name, year, now.In(b.loc).Format("02/01/2006"))}
	var kb [][]storage.Button
	if len(st) > 0 {
		lines = append(lines, T(lang, "hatang.indicators"))
	}
	for _, s := range st {
		lines = append(lines, b.standingLine(lang, s))
		kb = append(kb, []storage.Button{{Text: truncate(paceMark(s.Pace)+" "+s.Indicator.Name, 40), Data: data(actHatang, "i", s.Indicator.Code, u.Code)}})
	}
	if len(works) > 0 {
		lines = append(lines, T(lang, "hatang.works"))
	}
	for _, w := range works {
		lines = append(lines, b.workLine(lang, w))
	}
	return strings.Join(lines, "\n"), kb, st, nil
}

func (b *Bot) standingLine(lang string, s storage.Standing) string {
	changed, unreported := "", ""
	if !s.Changed.IsZero() {
		changed = T(lang, "report.ind_changed", s.Changed.In(b.loc).Format("02/01/2006"))
	}
	if !s.Reported {
		unreported = T(lang, "hatang.ind_unreported")
	}
	key := "hatang.ind_line"
	if s.Indicator.Kind == storage.KindFlow {
		key = "hatang.ind_line_flow" // its baseline is last year's total, not a start
	}
	return T(lang, key, paceMark(s.Pace), s.Indicator.Name, num(lang, s.Target.Baseline), num(lang, s.Now), num(lang, s.Goal), s.Indicator.Measure,
		num(lang, 100*s.Share), T(lang, "hatang.pace."+s.Pace.String()), num(lang, s.Plan), HTML(changed+unreported))
}

func (b *Bot) workLine(lang string, w storage.WorkStanding) string {
	var status string
	switch w.Schedule.Pace {
	case storage.Behind:
		status = T(lang, "hatang.work.behind", w.Schedule.Days)
	case storage.Ahead:
		status = T(lang, "hatang.work.ahead", w.Schedule.Days)
	default:
		status = T(lang, "hatang.work.on")
	}
	next := T(lang, "hatang.next_none")
	if i := w.Schedule.Next; i >= 0 {
		m := w.Work.Milestones[i]
		next = T(lang, "hatang.next", m.Name, m.Due.In(b.loc).Format("02/01/2006"))
	}
	return T(lang, "hatang.work_line", paceMark(w.Schedule.Pace), w.Work.Name, HTML(status), num(lang, w.State.Percent), HTML(next))
}

// sendHatangUnit sends a unit's view, and its chart of actual against plan.
func (b *Bot) sendHatangUnit(c *Ctx, code string) error {
	u, err := c.ExistingUnit(code)
	if err != nil {
		return err
	}
	text, kb, st, err := b.hatangUnitText(c.Tx, c.Lang, u, c.Now())
	if err != nil {
		return err
	}
	if c.Me.IsDirector() || c.Me.IsAdmin() {
		kb = append(kb, []storage.Button{{Text: c.T("btn.hatang_all"), Data: data(actHatang, "all")}})
	}
	if err := c.Reply(text, kb...); err != nil {
		return err
	}
	png, err := b.infraChart(c.Lang, u, st, c.Now().In(b.loc).Year(), charts.ChartOutputPNG)
	if err != nil || png == nil {
		return err
	}
	_, err = c.Enqueue(storage.Message{Method: storage.MethodSendPhoto, ChatID: c.Req.ChatID, Document: &storage.Document{Name: "ha-tang-" + strings.ToLower(u.Code) + ".png", Data: png}})
	return err
}

// infraChart draws each indicator's actual and plan to date as shares of
// the year's target, in the leaderboard's style.
func (b *Bot) infraChart(lang string, u storage.Unit, st []storage.Standing, year int, format string) ([]byte, error) {
	if len(st) == 0 {
		return nil, nil
	}
	labels := make([]string, len(st))
	actual, plan := make([]float64, len(st)), make([]float64, len(st))
	for i, s := range st {
		j := len(st) - 1 - i // the chart draws the first at the bottom
		labels[j] = s.Indicator.Code
		if s.Goal != 0 {
			actual[j] = roundTo(100*s.Now/s.Goal, 1)
			plan[j] = roundTo(100*s.Plan/s.Goal, 1)
		}
	}
	opt := charts.NewBarChartOptionWithData([][]float64{actual, plan})
	opt.Horizontal = true
	opt.Title = charts.TitleOption{Text: T(lang, "hatang.chart_caption", b.shortName(u), year), FontStyle: charts.FontStyle{FontSize: 18}}
	opt.Legend = charts.LegendOption{SeriesNames: []string{T(lang, "hatang.chart_actual"), T(lang, "hatang.chart_plan")}, Offset: charts.OffsetRight}
	opt.CategoryAxis = charts.CategoryAxisOption{Labels: labels, LabelFontStyle: charts.FontStyle{FontSize: 15}}
	opt.ValueAxis = []charts.ValueAxisOption{{Min: charts.Ptr(0.0), LabelFontStyle: charts.FontStyle{FontSize: 13}}}
	for i := range opt.SeriesList {
		opt.SeriesList[i].Label.Show = charts.Ptr(true)
		opt.SeriesList[i].Label.FontStyle = charts.FontStyle{FontSize: 13}
	}
	opt.Padding = charts.Box{Top: 20, Right: 50, Bottom: 20, Left: 20}
	p := charts.NewPainter(charts.PainterOptions{Width: chartWidth, Height: chartHeight, OutputFormat: format})
	if err := p.BarChart(opt); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return p.Bytes()
}

func roundTo(v float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}

// sendIndicatorCard shows an indicator of a unit period by period.
func (b *Bot) sendIndicatorCard(c *Ctx, code, unit string) error {
	ind, ok, err := c.Indicator(code)
	if err != nil {
		return err
	}
	now := c.Now()
	t, has, err := c.Target(code, unit, now.In(b.loc).Year())
	if err != nil {
		return err
	}
	if !ok || !has {
		return storage.Errorf(storage.EForbidden, storage.ReasonIndicatorNotOwed)
	}
	u, err := c.ExistingUnit(unit)
	if err != nil {
		return err
	}
	reports, err := c.IndicatorReports(code, unit)
	if err != nil {
		return err
	}
	s := storage.Stand(ind, t, storage.Values(reports), now, b.loc)
	changed := ""
	if !s.Changed.IsZero() {
		changed = c.T("report.ind_changed", s.Changed.In(b.loc).Format("02/01/2006"))
	}
	lines := []string{c.T("hatang.card_title", ind.Name, u.Name, t.Year, num(c.Lang, t.Baseline), ind.Measure, num(c.Lang, s.Goal), ind.Measure, HTML(changed),
		num(c.Lang, s.Now), ind.Measure, c.T("hatang.pace."+s.Pace.String()))}
	n := 0
	for _, r := range reports {
		if r.Due.In(b.loc).Year() != t.Year {
			continue
		}
		n++
		why := ""
		if r.Reason != "" {
			why = c.T("hatang.card_reason", r.Reason)
		}
		lines = append(lines, c.T("hatang.card_row", r.Due.In(b.loc).Format("02/01/2006"), num(c.Lang, r.Value), ind.Measure, num(c.Lang, t.PlanAt(ind.Kind, r.Due, b.loc)), HTML(why)))
	}
	if n == 0 {
		lines = append(lines, c.T("hatang.card_empty"))
	}
	return c.Reply(strings.Join(lines, "\n"), []storage.Button{{Text: "« " + b.shortName(u), Data: data(actHatang, "u", unit)}})
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
