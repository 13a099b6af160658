package storage_test

import (
	"testing"
	"time"

	"thiduabot/storage"
)

// The [scoring] table of points_test.go: submitted 1, endorsed 2,
// accepted 5 plus 1 a score point, done 5, 1 a million saved, praise 3,
// report on time 5, late 1.

func TestScoring_PointsOfEachKindOfDeed(t *testing.T) {
	for _, tc := range []struct {
		name string
		deed storage.Deed
		want int
	}{
		{"nothing", storage.Deed{}, 0},
		{"submitted", storage.Deed{Kind: storage.DeedSubmitted}, 1},
		{"endorsed", storage.Deed{Kind: storage.DeedEndorsed}, 2},
		{"accepted 8+7+9", storage.Deed{Kind: storage.DeedAccepted, Scores: storage.Scores{Novelty: 8, Applicability: 7, Benefit: 9}}, 5 + 24},
		{"accepted 1+1+1", storage.Deed{Kind: storage.DeedAccepted, Scores: storage.Scores{Novelty: 1, Applicability: 1, Benefit: 1}}, 5 + 3},
		{"done", storage.Deed{Kind: storage.DeedDone}, 5},
		{"saved 0 → 2.5 million", storage.SavedDeed(0, 2_500_000), 2},
		{"saved 2.5 → 4 million: whole millions crossed", storage.SavedDeed(2_500_000, 4_000_000), 2},
		{"saved 2.5 → 2.9 million: none crossed", storage.SavedDeed(2_500_000, 2_900_000), 0},
		{"saved less than before: points taken back", storage.SavedDeed(4_000_000, 1_000_000), -3},
		{"praised", storage.Deed{Kind: storage.DeedPraised}, 3},
		{"report on time", storage.Deed{Kind: storage.DeedReportOnTime}, 5},
		{"report late", storage.Deed{Kind: storage.DeedReportLate}, 1},
		{"withdrawn: the submission's point taken back", storage.Deed{Kind: storage.DeedWithdrawn}, -1},
	} {
		if got := scoring.Points(tc.deed); got != tc.want {
			t.Errorf("Points(%s) = %d; want %d", tc.name, got, tc.want)
		}
	}
}

func TestScoring_PointsFollowTheTable(t *testing.T) {
	sc := storage.Scoring{Accepted: 10, PerScorePoint: 2, PerMillionSaved: 7}
	if got := sc.Points(storage.Deed{Kind: storage.DeedAccepted, Scores: storage.Scores{Novelty: 2, Applicability: 3, Benefit: 4}}); got != 10+2*9 {
		t.Errorf("accepted 2+3+4 = %d; want %d", got, 10+2*9)
	}
	if got := sc.Points(storage.SavedDeed(0, 3_000_000)); got != 21 {
		t.Errorf("3 million saved = %d; want 21", got)
	}
	if got := sc.Points(storage.Deed{Kind: storage.DeedSubmitted}); got != 0 {
		t.Errorf("submitted with no points in the table = %d; want 0", got)
	}
}

func TestEvent_DeedOfEachStepOfAnIdea(t *testing.T) {
	scores := &storage.Scores{Novelty: 5, Applicability: 6, Benefit: 7}
	for _, tc := range []struct {
		event storage.Event
		want  storage.Deed
	}{
		{storage.Event{Status: storage.IdeaSubmitted}, storage.Deed{Kind: storage.DeedSubmitted}},
		{storage.Event{Status: storage.IdeaSubmitted, Note: "resubmitted"}, storage.Deed{}},
		{storage.Event{Status: storage.IdeaEndorsed}, storage.Deed{Kind: storage.DeedEndorsed}},
		{storage.Event{Status: storage.IdeaReturned, Note: "Thiếu số liệu"}, storage.Deed{}},
		{storage.Event{Status: storage.IdeaNotProposed, Note: "Trùng"}, storage.Deed{}},
		{storage.Event{Status: storage.IdeaNotApproved, Note: "Trùng"}, storage.Deed{}},
		{storage.Event{Status: storage.IdeaRecognised}, storage.Deed{Kind: storage.DeedRecognised}},
		{storage.Event{Status: storage.IdeaApproved, Scores: scores}, storage.Deed{Kind: storage.DeedAccepted, Scores: *scores}},
		{storage.Event{Status: storage.IdeaApproved}, storage.Deed{}}, // no marks, nothing to score
		{storage.Event{Status: storage.IdeaInProgress}, storage.Deed{}},
		{storage.Event{Status: storage.IdeaDone}, storage.Deed{Kind: storage.DeedDone}},
		{storage.Event{Status: storage.IdeaWithdrawn}, storage.Deed{Kind: storage.DeedWithdrawn}},
	} {
		if got := tc.event.Deed(); got != tc.want {
			t.Errorf("Event{%s, %q}.Deed() = %+v; want %+v", tc.event.Status, tc.event.Note, got, tc.want)
		}
	}
}

func TestReport_DeedByPunctuality(t *testing.T) {
	if got := (storage.Report{}).Deed().Kind; got != storage.DeedReportOnTime {
		t.Errorf("on-time report: deed %d; want DeedReportOnTime", got)
	}
	if got := (storage.Report{Late: true}).Deed().Kind; got != storage.DeedReportLate {
		t.Errorf("late report: deed %d; want DeedReportLate", got)
	}
}

// A withdrawal takes back the submission's point in the submission's
// month; every other step counts when it happened.
func TestEvent_EarnedAtTheSubmissionForAWithdrawal(t *testing.T) {
	submitted := time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC)
	later := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	idea := storage.Idea{CreatedAt: submitted}
	for _, tc := range []struct {
		status storage.IdeaStatus
		want   time.Time
	}{
		{storage.IdeaWithdrawn, submitted},
		{storage.IdeaEndorsed, later},
		{storage.IdeaNotApproved, later},
		{storage.IdeaSubmitted, later}, // a resubmission
	} {
		if got := (storage.Event{Status: tc.status, At: later}).EarnedAt(idea); !got.Equal(tc.want) {
			t.Errorf("Event{%s}.EarnedAt = %v; want %v", tc.status, got, tc.want)
		}
	}
}
