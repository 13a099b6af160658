package storage

import "time"

// What the figures count (docs/figures.md), written once: the counters
// kept as things happen (countIdea), their rebuild (RecomputeStats) and
// Figures ask these, so /summary, the weekly digest, /export, the
// leaderboard and the dashboard cannot count the same thing two ways.
// Nothing here reads the database.

// Live reports whether an idea in status s may still save money:
// submitted, endorsed, approved, in progress, applied, and whatever its
// recognition (an applied idea saves, recognised as an initiative or
// not). One not proposed, not approved or withdrawn will save nothing, and
// a returned one is back with its author until it is resubmitted.
func (s IdeaStatus) Live() bool {
	switch s {
	case IdeaSubmitted, IdeaEndorsed, IdeaApproved, IdeaInProgress, IdeaDone, IdeaRequested, IdeaRecognised, IdeaNotRecognised:
		return true
	}
	return false
}

// Estimate is what idea adds to the estimated yearly savings of the
// period it was created in: its estimate while it is live, else nothing.
func (i Idea) Estimate() int64 {
	if i.Status.Live() {
		return i.EstSavings
	}
	return 0
}

// CountsIn reports whether a reporting period belongs to the month,
// quarter or year [start, end): the one its due time falls in. A unit's
// report, and the money it says was saved, count there.
func (p Period) CountsIn(start, end time.Time) bool {
	return !p.Due.Before(start) && p.Due.Before(end)
}

// ReportState is where a unit's report for a period stands.
type ReportState string

// The states of a unit's report for a period.
const (
	ReportOnTime  ReportState = "on_time"
	ReportLate    ReportState = "late"
	ReportMissing ReportState = "missing" // past the due time, none came in
	ReportPending ReportState = "pending" // not due yet, none came in yet
)

// StateOf says where a unit's report for p stands at now: r is the
// report, when ok.
func (p Period) StateOf(r Report, ok bool, now time.Time) ReportState {
	switch {
	case ok && r.Late:
		return ReportLate
	case ok:
		return ReportOnTime
	case now.After(p.Due):
		return ReportMissing
	}
	return ReportPending
}
