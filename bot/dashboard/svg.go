package dashboard

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"thiduabot/storage"
)

// The charts are SVG written here rather than by the chart library the
// leaderboard's PNG uses: its SVG has a fixed pixel size and type set for
// 800 px, unreadable when a phone shrinks it to 360; these scale with the
// page, take the colours of the reader's Telegram theme from the style
// sheet, and mark every bar (class "bar") so the tests can count them.

// monthsChart draws the savings of each month as three bars side by side:
// the estimate of the ideas created that month, the money their progress
// says was saved, and the money the units' reports say was saved.
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
	for _, s := range series {
		legend = append(legend, bar{Label: o.text(lang, s.key), Class: s.class})
	}
	var most int64
	for _, m := range months {
		for _, s := range series {
			most = max(most, s.value(m))
		}
	}
	most = nice(most)
	const (
		left, top, bottom = 44.0, 8.0, 18.0
		height            = 150.0
		barW, gap         = 6.0, 2.0
	)
	group := 3*barW + 2*gap
	slot := max(group+8, 260/float64(max(len(months), 1)))
	width := left + slot*float64(len(months)) + 4
	plot := height - top - bottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, width, height, html.EscapeString(o.text(lang, "dash.by_month")))
	for i := 0; i <= 2; i++ { // the axis: 0, half, the most
		v := most * int64(i) / 2
		y := top + plot - plot*float64(i)/2
		fmt.Fprintf(&b, `<line class="grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/>`, left, width-4, y, y)
		fmt.Fprintf(&b, `<text class="axis" x="%.0f" y="%.1f" text-anchor="end">%s</text>`, left-4, y+3, html.EscapeString(o.compact(lang, v)))
	}
	for i, m := range months {
		x0 := left + slot*float64(i) + (slot-group)/2
		for j, s := range series {
			v := s.value(m)
			h := 0.0
			if most > 0 && v > 0 {
				h = max(plot*float64(v)/float64(most), 1)
			}
			x := x0 + float64(j)*(barW+gap)
			fmt.Fprintf(&b, `<rect class="bar %s" x="%.1f" y="%.1f" width="%.0f" height="%.1f"><title>%s: %s</title></rect>`,
				s.class, x, top+plot-h, barW, h, html.EscapeString(o.text(lang, s.key)), html.EscapeString(o.money(lang, v)))
		}
		fmt.Fprintf(&b, `<text class="axis" x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, x0+group/2, height-4, html.EscapeString(monthLabel(lang, m.Span)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), legend
}

// monthLabel names a month under its bars: T11, Nov.
func monthLabel(lang string, s storage.Span) string {
	if lang == "en" {
		return s.Start.Month().String()[:3]
	}
	return fmt.Sprintf("T%d", s.Start.Month())
}

// nice rounds v up to 1, 2 or 5 times a power of ten, so the axis reads
// 0, 500 tr, 1 tỷ rather than 0, 509 tr, 1 tỷ.
func nice(v int64) int64 {
	if v <= 0 {
		return 0
	}
	p := int64(1)
	for p*10 <= v {
		p *= 10
	}
	for _, m := range []int64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
