package render

import (
	"fmt"
	"html"
	"strings"
)

// The dashboard's charts are SVG written here rather than by the chart
// library the leaderboard's PNG uses: its SVG has a fixed pixel size and
// type set for 800 px, unreadable when a phone shrinks it to 360; these
// scale with the page, take the colours of the reader's Telegram theme
// from the style sheet, and mark every bar (class "bar") so the tests can
// count them.

// Series is one series of a GroupedBars: its class in the style sheet,
// and its name in the reader's words.
type Series struct{ Class, Name string }

// GroupedBars is a chart of groups of vertical bars side by side, one bar
// a series in each group (the savings of each month, by where they are
// counted), over an axis from 0.
type GroupedBars struct {
	Label  string   // what the chart shows, for a screen reader
	Series []Series // the bars of each group, left to right
	Groups []string // the label under each group
	// Values[i][j] is group i's value of series j.
	Values [][]int64
	// Axis writes a value of the axis short (25 tr), Value a bar's value
	// in full (its tooltip), both in the reader's words.
	Axis, Value func(int64) string
}

// SVG draws the chart, scaling with its box.
func (c GroupedBars) SVG() string {
	var most int64
	for _, g := range c.Values {
		for _, v := range g {
			most = max(most, v)
		}
	}
	most = nice(most)
	const (
		left, top, bottom = 44.0, 8.0, 18.0
		height            = 150.0
		barW, gap         = 6.0, 2.0
	)
	n := len(c.Series)
	group := float64(n)*barW + float64(n-1)*gap
	slot := max(group+8, 260/float64(max(len(c.Groups), 1)))
	width := left + slot*float64(len(c.Groups)) + 4
	plot := height - top - bottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, width, height, html.EscapeString(c.Label))
	for i := 0; i <= 2; i++ { // the axis: 0, half, the most
		v := most * int64(i) / 2
		y := top + plot - plot*float64(i)/2
		fmt.Fprintf(&b, `<line class="grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/>`, left, width-4, y, y)
		fmt.Fprintf(&b, `<text class="axis" x="%.0f" y="%.1f" text-anchor="end">%s</text>`, left-4, y+3, html.EscapeString(c.Axis(v)))
	}
	for i, label := range c.Groups {
		x0 := left + slot*float64(i) + (slot-group)/2
		for j, s := range c.Series {
			v := c.Values[i][j]
			h := 0.0
			if most > 0 && v > 0 {
				h = max(plot*float64(v)/float64(most), 1)
			}
			x := x0 + float64(j)*(barW+gap)
			fmt.Fprintf(&b, `<rect class="bar %s" x="%.1f" y="%.1f" width="%.0f" height="%.1f"><title>%s: %s</title></rect>`,
				s.Class, x, top+plot-h, barW, h, html.EscapeString(s.Name), html.EscapeString(c.Value(v)))
		}
		fmt.Fprintf(&b, `<text class="axis" x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, x0+group/2, height-4, html.EscapeString(label))
	}
	b.WriteString(`</svg>`)
	return b.String()
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
