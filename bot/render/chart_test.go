package render

import (
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"testing"
)

// The chart's value axis starts at 0 and each bar's length is proportional
// to its points: one unit with 43 points is a bar, not a sliver between 42
// and 44.
func TestChart_ZeroBaselineAndProportionalBars(t *testing.T) {
	for _, values := range [][]float64{{43}, {120, 60, 30, 15}, {1000, 999}} {
		labels := make([]string, len(values))
		for i := range values {
			labels[i] = "Đơn vị " + strconv.Itoa(i+1)
		}
		svg, err := UnitsChart("Điểm thi đua", labels, values, SVG)
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("CHART_DIR"); dir != "" {
			os.WriteFile(dir+"/chart-"+strconv.Itoa(len(values))+".svg", svg, 0o644)
		}
		bars := barRects(svg)
		if len(bars) != len(values) {
			t.Fatalf("values %v: %d bars drawn; want %d\n%s", values, len(bars), len(values), svg)
		}
		// The chart draws the first value at the bottom: bars come top to bottom.
		left := bars[0].x
		scale := bars[0].w / values[0]
		for i, bar := range bars {
			if math.Abs(bar.x-left) > 1 {
				t.Errorf("values %v: bar %d starts at x=%.0f, the first at %.0f; want one baseline", values, i, bar.x, left)
			}
			if want := values[i] * scale; math.Abs(bar.w-want) > 2 {
				t.Errorf("values %v: bar %d is %.1f px long; want %.1f (proportional to %v)", values, i, bar.w, want, values[i])
			}
		}
		// The axis' 0 is at the bars' start: the longest bar takes most of the width.
		if bars[0].w < Width/3 {
			t.Errorf("values %v: the longest bar is %.0f px of %d; the axis does not start at 0", values, bars[0].w, Width)
		}
	}
}

type rect struct{ x, y, w, h float64 }

// barRects reads the filled bars of an SVG chart, top to bottom (the
// series is drawn as closed paths of four points).
func barRects(svg []byte) []rect {
	re := regexp.MustCompile(`<path d="M (\d+) (\d+)\s*L (\d+) (\d+)\s*L (\d+) (\d+)\s*L (\d+) (\d+)\s*L (\d+) (\d+)\s*Z?" style="[^"]*fill:rgb\(84,112,198`)
	var out []rect
	for _, m := range re.FindAllSubmatch(svg, -1) {
		n := make([]float64, 10)
		for i := range n {
			n[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
		}
		minX, maxX := math.Min(n[0], n[2]), math.Max(n[0], n[2])
		minY, maxY := math.Min(n[1], n[5]), math.Max(n[1], n[5])
		out = append(out, rect{x: minX, y: minY, w: maxX - minX, h: maxY - minY})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y < out[j].y })
	return out
}
