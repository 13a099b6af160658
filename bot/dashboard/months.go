package dashboard

import (
	"fmt"
	"html/template"

	draw "thiduabot/bot/render" // the package has a render of its own (the page)
	"thiduabot/storage"
)

// monthsChart draws the savings of each month as three bars side by side
// (bot/render's GroupedBars): the estimate of the ideas created that month, the
// money their progress says was saved, and the money the units' reports
// say was saved.
func (o Options) monthsChart(lang string, months []storage.MonthFigures) (template.HTML, []bar) {
	series := []struct {
		class, key string
		value      func(storage.MonthFigures) int64
	}{
		{"sv-estimated", "dash.series_estimated", func(m storage.MonthFigures) int64 { return m.Estimated }},
		{"sv-ideas", "dash.series_ideas", func(m storage.MonthFigures) int64 { return m.SavedByIdeas }},
		{"sv-reports", "dash.series_reports", func(m storage.MonthFigures) int64 { return m.SavedByReports }},
	}
	var legend []bar
	chart := draw.GroupedBars{
		Label: o.text(lang, "dash.by_month"),
		Axis:  func(v int64) string { return o.compact(lang, v) },
		Value: func(v int64) string { return o.money(lang, v) },
	}
	for _, s := range series {
		legend = append(legend, bar{Label: o.text(lang, s.key), Class: s.class})
		chart.Series = append(chart.Series, draw.Series{Class: s.class, Name: o.text(lang, s.key)})
	}
	for _, m := range months {
		chart.Groups = append(chart.Groups, monthLabel(lang, m.Span))
		values := make([]int64, len(series))
		for j, s := range series {
			values[j] = s.value(m)
		}
		chart.Values = append(chart.Values, values)
	}
	return template.HTML(chart.SVG()), legend
}

// monthLabel names a month under its bars: T11, Nov.
func monthLabel(lang string, s storage.Span) string {
	if lang == "en" {
		return s.Start.Month().String()[:3]
	}
	return fmt.Sprintf("T%d", s.Start.Month())
}
