package dashboard

import (
	"strconv"
	"strings"

	"thiduabot/storage"
)

// infraRow is one unit's indicator on the page: its actual and its plan
// to date as shares of the year's target (the bar and the plan's mark),
// and the raw numbers for the tests.
type infraRow struct {
	Key, Label, Value, Class string
	Actual, Plan             float64 // percent of the chart's width
	Now, PlanRaw             string  // as storage computed them
}

// infraView is the page's infrastructure section, from Figures.Infra.
func (o Options) infraView(lang string, f storage.InfraFigures) (title string, rows []infraRow, works []bar) {
	t := func(key string, args ...any) string { return o.text(lang, key, args...) }
	title = t("dash.infra", f.Year)
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, s := range f.Indicators {
		r := infraRow{Key: s.Indicator.Code + ":" + s.Target.Unit, Label: s.Target.Unit + " · " + s.Indicator.Name, Class: "pace-" + s.Pace.String(),
			Now: num(s.Now), PlanRaw: num(s.Plan)}
		r.Value = t("dash.infra_value", decimalF(lang, s.Now), decimalF(lang, s.Goal), s.Indicator.Measure, t("hatang.pace."+s.Pace.String()))
		if s.Goal > 0 {
			r.Actual = min(100, max(0, 100*s.Now/s.Goal))
			r.Plan = min(99.2, max(0, 100*s.Plan/s.Goal))
		}
		rows = append(rows, r)
	}
	for _, w := range f.Works {
		status := t("hatang.work.on")
		switch w.Schedule.Pace {
		case storage.Behind:
			status = t("dash.work_behind", w.Schedule.Days)
		case storage.Ahead:
			status = t("dash.work_ahead", w.Schedule.Days)
		}
		works = append(works, bar{Label: w.Work.Unit + " · " + w.Work.Name, Value: status + " · " + decimalF(lang, w.State.Percent) + "%", Class: "pace-" + w.Schedule.Pace.String(), Width: min(100, w.State.Percent)})
	}
	return title, rows, works
}

// decimalF writes a measure's value with at most two decimals and its
// thousands grouped, in lang's way (25.000 or 95,5; 25,000 or 95.5).
func decimalF(lang string, v float64) string {
	s := strconv.FormatFloat(float64(int64(v*100+0.5))/100, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	group, point := ".", ","
	if lang == "en" {
		group, point = ",", "."
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}
