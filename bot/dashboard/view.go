package dashboard

import (
	"html/template"
	"strconv"

	"thiduabot/bot/names"
	"thiduabot/storage"
)

// topShown is how many members and units the page ranks.
const topShown = 10

// view is the page for one reader and span: every text said, every
// number written, every bar measured.
type view struct {
	Lang, Title, Period, Updated string

	Kinds      []link // month, quarter, year around the span
	Prev, Next link

	Tiles []tile

	Status, Theme []bar
	Months        template.HTML // an SVG
	Legend        []bar

	TargetsTitle, TargetsNote string
	Targets                   []bar

	Periods []periodRow

	Members, Units []bar

	OpenWaste int
	Waste     []wasteRow

	InfraTitle string
	Infra      []infraRow
	InfraWorks []bar

	text func(key string, args ...any) string
}

// T says key in the reader's language (from the template).
func (v view) T(key string, args ...any) string { return v.text(key, args...) }

type link struct {
	Label, Period string
	Active        bool
}

// tile is one headline figure; Raw is its number, for the tests.
type tile struct {
	Key, Label, Note, Value string
	Full                    string // the amount in full, as /summary writes it
	Raw                     int64
}

// bar is one bar of a horizontal bar chart: its label, its value as
// written, and its length in percent of the chart's longest.
type bar struct {
	Label, Value, Class string
	Width               float64
}

type periodRow struct {
	Name, Due, Summary string
	Segments           []bar // on time, late, missing, pending
}

type wasteRow struct{ Ref, When, Text string }

// view builds the page from the figures.
func (o Options) view(tx *storage.Tx, lang string, s storage.Span, f storage.Figures) (view, error) {
	t := func(key string, args ...any) string { return o.text(lang, key, args...) }
	v := view{Lang: lang, Title: t("dash.title"), Period: o.periodName(lang, s), Updated: t("dash.updated", o.at(lang, f.At)), text: t}
	for _, k := range []storage.PeriodKind{storage.Month, storage.Quarter, storage.Year} {
		at := s.Start
		if k != storage.Year && s.Kind == storage.Year && f.At.Year() == s.Start.Year() {
			at = f.At // a month or quarter of this year: the one around now
		}
		other := storage.SpanOf(k, at, s.Start.Location())
		v.Kinds = append(v.Kinds, link{Label: t("dash.kind_" + string(k)), Period: o.written(other), Active: k == s.Kind})
	}
	loc := s.Start.Location()
	v.Prev = link{Label: t("dash.prev"), Period: o.written(storage.SpanOf(s.Kind, s.Start.AddDate(0, 0, -1), loc))}
	v.Next = link{Label: t("dash.next"), Period: o.written(storage.SpanOf(s.Kind, s.End, loc))}

	v.Tiles = []tile{
		{Key: "ideas", Label: t("dash.ideas"), Value: strconv.FormatInt(f.Ideas, 10), Raw: f.Ideas},
		{Key: "estimated", Label: t("dash.estimated"), Note: t("dash.estimated_note"), Value: o.compact(lang, f.Estimated), Full: o.money(lang, f.Estimated), Raw: f.Estimated},
		{Key: "saved_ideas", Label: t("dash.saved_ideas"), Value: o.compact(lang, f.SavedByIdeas), Full: o.money(lang, f.SavedByIdeas), Raw: f.SavedByIdeas},
		{Key: "saved_reports", Label: t("dash.saved_reports"), Value: o.compact(lang, f.SavedByReports), Full: o.money(lang, f.SavedByReports), Raw: f.SavedByReports},
		{Key: "open_waste", Label: t("dash.open_waste"), Value: strconv.Itoa(f.OpenWaste), Raw: int64(f.OpenWaste)},
	}

	var most int64
	for _, st := range storage.IdeaStatuses {
		most = max(most, f.ByStatus[st])
	}
	for _, st := range storage.IdeaStatuses {
		n := f.ByStatus[st]
		v.Status = append(v.Status, bar{Label: t("idea." + string(st)), Value: strconv.FormatInt(n, 10), Class: "st-" + string(st), Width: share(n, most)})
	}
	themes := []storage.Theme{storage.ThemeThrift, storage.ThemeInfrastructure}
	most = max(f.ByTheme[themes[0]], f.ByTheme[themes[1]])
	for _, th := range themes {
		n := f.ByTheme[th]
		v.Theme = append(v.Theme, bar{Label: t("theme." + string(th)), Value: strconv.FormatInt(n, 10), Class: "th-" + string(th), Width: share(n, most)})
	}

	v.Months, v.Legend = o.monthsChart(lang, f.Months)

	v.TargetsTitle, v.TargetsNote = t("dash.targets", s.Start.Year()), t("dash.targets_note")
	for _, u := range f.Units {
		b := bar{Label: u.Unit.Name, Class: "target"}
		if pct, ok := u.Percent(); ok {
			b.Value = t("dash.target_value", o.compact(lang, u.SavedByReports), o.compact(lang, u.Unit.Target), pct)
			b.Width = share(min(pct, 100), 100)
		} else {
			b.Value = t("dash.no_target", o.compact(lang, u.SavedByReports))
		}
		v.Targets = append(v.Targets, b)
	}

	states := []storage.ReportState{storage.ReportOnTime, storage.ReportLate, storage.ReportMissing, storage.ReportPending}
	for _, p := range f.Periods {
		row := periodRow{Name: p.Period.Name, Due: o.at(lang, p.Period.Due)}
		total := 0
		for _, st := range states {
			total += p.Count[st]
		}
		var parts []string
		for _, st := range states {
			n := p.Count[st]
			row.Segments = append(row.Segments, bar{Label: t("dash.report_" + string(st)), Value: strconv.Itoa(n), Class: "rp-" + string(st), Width: share(int64(n), int64(total))})
			if n > 0 {
				parts = append(parts, t("dash.report_"+string(st))+" "+strconv.Itoa(n))
			}
		}
		row.Summary = joinParts(parts)
		v.Periods = append(v.Periods, row)
	}

	if len(f.Members) > 0 {
		most := f.Members[0].Points
		for _, sc := range f.Members[:min(topShown, len(f.Members))] {
			m, _, err := tx.Member(sc.Member)
			if err != nil {
				return v, err
			}
			unit, _, _ := tx.Unit(m.Unit)
			v.Members = append(v.Members, bar{Label: strconv.Itoa(sc.Rank) + ". " + names.Member(lang, m) + " (" + o.short(unit.Code) + ")", Value: t("dash.points", sc.Points), Class: "member", Width: share(sc.Points, most)})
		}
	}
	if len(f.UnitRanks) > 0 {
		most := f.UnitRanks[0].Points
		for _, sc := range f.UnitRanks[:min(topShown, len(f.UnitRanks))] {
			unit, _, _ := tx.Unit(sc.Unit)
			name := unit.Name
			if name == "" {
				name = sc.Unit
			}
			v.Units = append(v.Units, bar{Label: strconv.Itoa(sc.Rank) + ". " + name, Value: t("dash.points", sc.Points), Class: "unit", Width: share(sc.Points, most)})
		}
	}

	v.InfraTitle, v.Infra, v.InfraWorks = o.infraView(lang, f.Infra)
	v.OpenWaste = f.OpenWaste
	for _, w := range f.LatestWaste {
		v.Waste = append(v.Waste, wasteRow{Ref: w.Ref(), When: o.at(lang, w.CreatedAt), Text: clip(w.Description, 140)})
	}
	return v, nil
}

// share is n as a percentage of most (0 when most is 0).
func share(n, most int64) float64 {
	if most <= 0 || n <= 0 {
		return 0
	}
	return float64(n) * 100 / float64(most)
}

func joinParts(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}

// clip cuts s to at most n characters, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// compact writes an amount short, for a chart: 25 tr, 1,2 tỷ.
func (o Options) compact(lang string, v int64) string {
	switch {
	case v >= 1_000_000_000 || v <= -1_000_000_000:
		return o.text(lang, "dash.billions", decimal(lang, v, 1_000_000_000))
	case v >= 1_000_000 || v <= -1_000_000:
		return o.text(lang, "dash.millions", decimal(lang, v, 1_000_000))
	}
	return o.money(lang, v)
}

// decimal writes v/unit with at most one decimal, in lang's way (1,2 or 1.2).
func decimal(lang string, v, unit int64) string {
	tenths := (v*10 + unit/2) / unit
	s := strconv.FormatInt(tenths/10, 10)
	if d := tenths % 10; d != 0 {
		sep := ","
		if lang == "en" {
			sep = "."
		}
		s += sep + strconv.FormatInt(max(d, -d), 10)
	}
	return s
}
