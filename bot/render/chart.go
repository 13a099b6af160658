package render

import (
	"fmt"

	"github.com/go-analyze/charts"
)

// The charts' formats: PNG for the chat, SVG for the tests.
const (
	PNG = charts.ChartOutputPNG
	SVG = charts.ChartOutputSVG
)

// Width and Height are a chart's size, in pixels.
const Width, Height = 800, 480

// UnitsChart draws the units' points as horizontal bars, best on top, in
// a PNG (or an SVG, for the dashboard and the tests). The value axis starts
// at 0, so bars are proportional to points. The labels are Vietnamese: the
// chart library's embedded Roboto font has the glyphs (a test checks it).
func UnitsChart(title string, labels []string, values []float64, format string) ([]byte, error) {
	if len(values) == 0 {
		return nil, nil
	}
	// The chart draws the first label at the bottom.
	l, v := make([]string, len(labels)), make([]float64, len(values))
	for i := range labels {
		l[len(labels)-1-i], v[len(values)-1-i] = labels[i], values[i]
	}
	opt := charts.NewBarChartOptionWithData([][]float64{v})
	opt.Horizontal = true
	opt.Title = charts.TitleOption{Text: title, FontStyle: charts.FontStyle{FontSize: 18}}
	opt.CategoryAxis = charts.CategoryAxisOption{Labels: l, LabelFontStyle: charts.FontStyle{FontSize: 15}}
	opt.ValueAxis = []charts.ValueAxisOption{{Min: charts.Ptr(0.0), LabelFontStyle: charts.FontStyle{FontSize: 13}}}
	opt.SeriesList[0].Label.Show = charts.Ptr(true)
	opt.SeriesList[0].Label.FontStyle = charts.FontStyle{FontSize: 15}
	opt.Padding = charts.Box{Top: 20, Right: 50, Bottom: 20, Left: 20}
	p := charts.NewPainter(charts.PainterOptions{Width: Width, Height: Height, OutputFormat: format})
	if err := p.BarChart(opt); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return p.Bytes()
}

// PlanChart draws, for each label, an actual and a plan as two horizontal
// bars side by side, the first label on top, with a legend naming the
// two (actualName, planName), in UnitsChart's style.
func PlanChart(title, actualName, planName string, labels []string, actual, plan []float64, format string) ([]byte, error) {
	if len(labels) == 0 {
		return nil, nil
	}
	// The chart draws the first label at the bottom.
	n := len(labels)
	l, a, pl := make([]string, n), make([]float64, n), make([]float64, n)
	for i := range labels {
		l[n-1-i], a[n-1-i], pl[n-1-i] = labels[i], actual[i], plan[i]
	}
	opt := charts.NewBarChartOptionWithData([][]float64{a, pl})
	opt.Horizontal = true
	opt.Title = charts.TitleOption{Text: title, FontStyle: charts.FontStyle{FontSize: 18}}
	opt.Legend = charts.LegendOption{SeriesNames: []string{actualName, planName}, Offset: charts.OffsetRight}
	opt.CategoryAxis = charts.CategoryAxisOption{Labels: l, LabelFontStyle: charts.FontStyle{FontSize: 15}}
	opt.ValueAxis = []charts.ValueAxisOption{{Min: charts.Ptr(0.0), LabelFontStyle: charts.FontStyle{FontSize: 13}}}
	for i := range opt.SeriesList {
		opt.SeriesList[i].Label.Show = charts.Ptr(true)
		opt.SeriesList[i].Label.FontStyle = charts.FontStyle{FontSize: 13}
	}
	opt.Padding = charts.Box{Top: 20, Right: 50, Bottom: 20, Left: 20}
	p := charts.NewPainter(charts.PainterOptions{Width: Width, Height: Height, OutputFormat: format})
	if err := p.BarChart(opt); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return p.Bytes()
}
