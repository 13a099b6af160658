package storage_test

import (
	"testing"
	"time"

	"thiduabot/storage"
)

func TestIdea_EstimateCountsOnlyLiveIdeas(t *testing.T) {
	for _, tc := range []struct {
		status storage.IdeaStatus
		want   int64
	}{
		{storage.IdeaSubmitted, 180_000_000},
		{storage.IdeaEndorsed, 180_000_000},
		{storage.IdeaApproved, 180_000_000},
		{storage.IdeaInProgress, 180_000_000},
		{storage.IdeaDone, 180_000_000},
		{storage.IdeaReturned, 0},
		{storage.IdeaNotProposed, 0},
		{storage.IdeaNotApproved, 0},
		{storage.IdeaRecognised, 180_000_000},
		{storage.IdeaWithdrawn, 0},
	} {
		if got := (storage.Idea{Status: tc.status, EstSavings: 180_000_000}).Estimate(); got != tc.want {
			t.Errorf("Idea{%s, 180 tr}.Estimate() = %d; want %d", tc.status, got, tc.want)
		}
	}
}

func TestPeriod_CountsInTheSpanOfItsDueTime(t *testing.T) {
	q4 := storage.SpanOf(storage.Quarter, time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC), time.UTC)
	for _, tc := range []struct {
		due  time.Time
		want bool
	}{
		{time.Date(2026, 12, 20, 17, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), true}, // the first instant
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false}, // the next quarter's
		{time.Date(2026, 9, 20, 17, 0, 0, 0, time.UTC), false},
	} {
		if got := (storage.Period{Due: tc.due}).CountsIn(q4.Start, q4.End); got != tc.want {
			t.Errorf("a period due %v counts in Q4/2026: %v; want %v", tc.due, got, tc.want)
		}
	}
}

func TestPeriod_StateOfAUnitsReport(t *testing.T) {
	due := time.Date(2026, 12, 20, 17, 0, 0, 0, time.UTC)
	p := storage.Period{Due: due}
	before, after := due.Add(-time.Hour), due.Add(time.Hour)
	for _, tc := range []struct {
		name string
		r    storage.Report
		ok   bool
		now  time.Time
		want storage.ReportState
	}{
		{"none yet, not due", storage.Report{}, false, before, storage.ReportPending},
		{"none at the due time", storage.Report{}, false, due, storage.ReportPending},
		{"none, past due", storage.Report{}, false, after, storage.ReportMissing},
		{"on time", storage.Report{}, true, after, storage.ReportOnTime},
		{"late", storage.Report{Late: true}, true, after, storage.ReportLate},
		{"filed early", storage.Report{}, true, before, storage.ReportOnTime},
	} {
		if got := p.StateOf(tc.r, tc.ok, tc.now); got != tc.want {
			t.Errorf("%s: StateOf = %s; want %s", tc.name, got, tc.want)
		}
	}
}

func TestSpan_MonthsOfAQuarterAndAYear(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, loc)
	if got := storage.SpanOf(storage.Quarter, at, loc); got.Key != "Q2026-4" || len(got.Months()) != 3 || got.Months()[0].Key != "M2026-10" {
		t.Errorf("SpanOf(Quarter) = %s with %d months", got.Key, len(got.Months()))
	}
	if got := storage.SpanOf(storage.Year, at, loc); got.Key != "Y2026" || len(got.Months()) != 12 || got.Months()[11].Key != "M2026-12" {
		t.Errorf("SpanOf(Year) = %s with %d months", got.Key, len(got.Months()))
	}
	if got := storage.SpanOf(storage.Month, at, loc); got.Key != "M2026-11" || !got.Contains(at) || got.Contains(got.End) {
		t.Errorf("SpanOf(Month) = %s", got.Key)
	}
}
