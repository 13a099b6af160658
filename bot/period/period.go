// Package period is the one grammar of periods (a month, a quarter, a
// year: storage.Span): it reads what people type and what the bot writes,
// and writes a period as people say it.
package period

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// ReasonUnknown is the refusal of a period that cannot be read; its
// argument is the period given.
const ReasonUnknown storage.Reason = "period_unknown"

// The one grammar of periods. It reads back everything the bot writes
// (Name: "tháng 11/2026", "quý 4/2026", "năm 2026", and the English
// "month 11/2026", "quarter 4/2026", "year 2026") and what people type:
// "11/2026", "11-2026", "T11/2026", "Q4/2026", "Q4 2026", "quý IV/2026",
// "tháng 11 năm 2026", "2026"; a month or quarter without its year is this
// year's ("tháng 11", "quý 4"); "tháng này", "tháng trước", "quý trước",
// "năm nay", "năm ngoái" count from now; all with or without diacritics or
// spaces. A bare word ("tháng", "quý", "năm") is the one around now.
var (
	periodWord = map[string]storage.PeriodKind{
		"thang": storage.Month, "month": storage.Month, "t": storage.Month,
		"quy": storage.Quarter, "quarter": storage.Quarter, "q": storage.Quarter,
		"nam": storage.Year, "year": storage.Year,
	}
	// periodRelative maps "tháng trước" and its kind to the kind and how
	// many periods back.
	periodRelative = map[string]struct {
		kind storage.PeriodKind
		back int
	}{
		"thang nay": {storage.Month, 0}, "thang truoc": {storage.Month, 1}, "this month": {storage.Month, 0}, "last month": {storage.Month, 1},
		"quy nay": {storage.Quarter, 0}, "quy truoc": {storage.Quarter, 1}, "this quarter": {storage.Quarter, 0}, "last quarter": {storage.Quarter, 1},
		"nam nay": {storage.Year, 0}, "nam ngoai": {storage.Year, 1}, "nam truoc": {storage.Year, 1}, "this year": {storage.Year, 0}, "last year": {storage.Year, 1},
	}
	periodForm   = regexp.MustCompile(`^([a-z]*)\s*(\d{1,2}|i{1,3}|iv)?\s*(?:/?\s*(\d{1,4}))?$`)
	periodYear   = regexp.MustCompile(`^([a-z]*)\s*()(\d{4})$`)        // "2026", "năm 2026"
	periodOfYear = regexp.MustCompile(`\s+(?:nam|year|of)\s+(\d{4})$`) // "tháng 11 năm 2026"
	periodDash   = regexp.MustCompile(`(\d)\s*-\s*(\d)`)               // "11-2026"
	romans       = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4}
)

// Parse reads a period; empty means the def kind around now.
func Parse(arg string, now time.Time, loc *time.Location, def storage.PeriodKind) (storage.Span, error) {
	bad := storage.Errorf(storage.EInvalid, ReasonUnknown, arg)
	s := Fold(arg)
	now = now.In(loc)
	if rel, ok := periodRelative[s]; ok {
		at := time.Date(now.Year(), now.Month(), 1, 12, 0, 0, 0, loc)
		switch rel.kind {
		case storage.Month:
			at = at.AddDate(0, -rel.back, 0)
		case storage.Quarter:
			at = at.AddDate(0, -3*rel.back, 0)
		default:
			at = at.AddDate(-rel.back, 0, 0)
		}
		return Parse("", at, loc, rel.kind)
	}
	s = periodOfYear.ReplaceAllString(s, "/$1")
	s = periodDash.ReplaceAllString(s, "$1/$2")
	m := periodYear.FindStringSubmatch(s)
	if m == nil {
		m = periodForm.FindStringSubmatch(s)
	}
	if m == nil {
		return storage.Span{}, bad
	}
	word, part, yearText := m[1], m[2], m[3]
	kind, known := periodWord[word]
	// "tháng 11", "quý 4": the number is the part, and the year is this one.
	if known && kind != storage.Year && part == "" && len(yearText) > 0 && len(yearText) <= 2 {
		part, yearText = yearText, ""
	}
	switch {
	case word != "" && !known:
		return storage.Span{}, bad
	case word == "" && part == "" && yearText == "":
		kind = def
	case word == "" && part != "":
		kind = storage.Month
	case word == "" && part == "":
		kind = storage.Year
	}
	// A part belongs to months and quarters; a year alone has none.
	if kind == storage.Year && part != "" || (kind != storage.Year && part == "" && yearText != "") {
		return storage.Span{}, bad
	}
	// A bare number is no period ("11" could be a month or a day).
	if word == "" && yearText == "" && part != "" {
		return storage.Span{}, bad
	}
	year := now.Year()
	if yearText != "" {
		if len(yearText) != 4 {
			return storage.Span{}, bad
		}
		year, _ = strconv.Atoi(yearText)
	}
	if year < 2000 || year > 2100 {
		return storage.Span{}, bad
	}
	n, roman := romans[part]
	if !roman && part != "" {
		n, _ = strconv.Atoi(part)
	}
	if roman && kind != storage.Quarter {
		return storage.Span{}, bad
	}
	var out storage.Span
	out.Kind = kind
	switch kind {
	case storage.Month:
		if part == "" {
			n = int(now.Month())
		}
		if n < 1 || n > 12 {
			return storage.Span{}, bad
		}
		out.Start = time.Date(year, time.Month(n), 1, 0, 0, 0, 0, loc)
		out.End = out.Start.AddDate(0, 1, 0)
	case storage.Quarter:
		if part == "" {
			n = (int(now.Month())-1)/3 + 1
		}
		if n < 1 || n > 4 {
			return storage.Span{}, bad
		}
		out.Start = time.Date(year, time.Month((n-1)*3+1), 1, 0, 0, 0, 0, loc)
		out.End = out.Start.AddDate(0, 3, 0)
	default:
		out.Start = time.Date(year, 1, 1, 0, 0, 0, 0, loc)
		out.End = out.Start.AddDate(1, 0, 0)
	}
	out.Key = storage.PeriodOf(out.Kind, out.Start, loc)
	return out, nil
}

// Fold lower-cases a period, drops Vietnamese diacritics and spaces
// it out evenly for the patterns.
func Fold(s string) string {
	return strings.Join(strings.Fields(storage.Fold(s)), " ")
}

// Name says a period the way people do: tháng 11/2026, quý 4/2026,
// năm 2026; Parse reads it back.
func Name(lang string, s storage.Span) string {
	switch s.Kind {
	case storage.Month:
		return texts.T(lang, "period.month", fmt.Sprintf("%02d/%d", s.Start.Month(), s.Start.Year()))
	case storage.Quarter:
		return texts.T(lang, "period.quarter", fmt.Sprintf("%d/%d", (int(s.Start.Month())+2)/3, s.Start.Year()))
	}
	return texts.T(lang, "period.year", s.Start.Year())
}

// Written is the shortest form Parse reads: 11/2026, Q4/2026, 2026.
func Written(s storage.Span) string {
	switch s.Kind {
	case storage.Month:
		return fmt.Sprintf("%d/%d", s.Start.Month(), s.Start.Year())
	case storage.Quarter:
		return fmt.Sprintf("Q%d/%d", (int(s.Start.Month())+2)/3, s.Start.Year())
	}
	return strconv.Itoa(s.Start.Year())
}
