package storage

import "time"

// The points rule (SPEC §6), written once: both the totals kept as things
// happen (award) and their rebuild from history (RecomputePoints) ask
// Points, so the two cannot drift apart. Nothing here reads the database.

// Scoring is the points each event earns (the [scoring] table).
type Scoring struct {
	Submitted       int `json:"submitted"`
	Endorsed        int `json:"endorsed"`
	Accepted        int `json:"accepted"`
	PerScorePoint   int `json:"per_score_point"`
	Done            int `json:"done"`
	Recognised      int `json:"recognised"`
	PerMillionSaved int `json:"per_million_saved"`
	Praise          int `json:"praise"`
	ReportOnTime    int `json:"report_on_time"`
	ReportLate      int `json:"report_late"`
}

// DeedKind is a kind of event that earns points.
type DeedKind byte

// The events that earn points. DeedNone earns nothing: most steps of an
// idea's history (a return, a rejection, a resubmission).
const (
	DeedNone         DeedKind = iota
	DeedSubmitted             // an idea submitted for the first time
	DeedEndorsed              // an idea endorsed by its unit's head
	DeedAccepted              // an idea approved for application, with the director's scores
	DeedDone                  // an idea finished (100 %)
	DeedSaved                 // more money saved on an idea, by a progress report
	DeedPraised               // a director's praise
	DeedReportOnTime          // a unit's report, first filed by the due time
	DeedReportLate            // a unit's report, first filed after it
	DeedWithdrawn             // an idea withdrawn by its author: takes its submission's points back
	DeedRecognised            // an applied idea recognised as an initiative by the director's decision
)

// Deed is one event that earns points, with what its points depend on.
type Deed struct {
	Kind   DeedKind
	Scores Scores // DeedAccepted: the director's marks
	// DeedSaved: the idea's money saved so far, before and after the
	// progress report (whole millions earn, so the two are kept).
	SavedBefore, SavedAfter int64
}

// Points is what d earns under the scoring s.
func (s Scoring) Points(d Deed) int {
	switch d.Kind {
	case DeedSubmitted:
		return s.Submitted
	case DeedEndorsed:
		return s.Endorsed
	case DeedAccepted:
		return s.Accepted + s.PerScorePoint*d.Scores.Total()
	case DeedDone:
		return s.Done
	case DeedSaved:
		return int(millions(d.SavedAfter)-millions(d.SavedBefore)) * s.PerMillionSaved
	case DeedPraised:
		return s.Praise
	case DeedReportOnTime:
		return s.ReportOnTime
	case DeedReportLate:
		return s.ReportLate
	case DeedWithdrawn:
		return -s.Submitted
	case DeedRecognised:
		return s.Recognised
	}
	return 0
}

// millions is how many whole millions of đồng an amount holds.
func millions(v int64) int64 { return v / 1_000_000 }

// Deed is what a step of an idea's history earns its author. A
// resubmission (a submitted step with a note) earns nothing: the idea
// earned when it was first submitted. A withdrawal takes the submission's
// points back (see EarnedAt): a withdrawn idea counts for nothing, or
// submitting and withdrawing at once would be points for no idea, unseen
// by any reviewer. A rejected idea keeps them: it was weighed. Points from
// an endorsement stay, withdrawn or not: a reviewer judged the idea.
func (e Event) Deed() Deed {
	switch {
	case e.Status == IdeaWithdrawn:
		return Deed{Kind: DeedWithdrawn}
	case e.Status == IdeaSubmitted && e.Note == "":
		return Deed{Kind: DeedSubmitted}
	case e.Status == IdeaEndorsed:
		return Deed{Kind: DeedEndorsed}
	case e.Status == IdeaApproved && e.Scores != nil:
		return Deed{Kind: DeedAccepted, Scores: *e.Scores}
	case e.Status == IdeaDone:
		return Deed{Kind: DeedDone}
	case e.Status == IdeaRecognised:
		return Deed{Kind: DeedRecognised}
	}
	return Deed{}
}

// EarnedAt is when the points of step e of idea's history count: when it
// happened, but for a withdrawal, whose taking back of the submission's
// points counts when the idea was submitted (so the submission's month,
// quarter and year end as if it had never earned, and no total dips below
// what its other deeds earned).
func (e Event) EarnedAt(idea Idea) time.Time {
	if e.Status == IdeaWithdrawn {
		return idea.CreatedAt
	}
	return e.At
}

// SavedDeed is what a progress report earns that moves an idea's money
// saved from before to after.
func SavedDeed(before, after int64) Deed {
	return Deed{Kind: DeedSaved, SavedBefore: before, SavedAfter: after}
}

// Deed is what a unit's report earns: on time or late, by its first
// filing (a correction earns nothing more).
func (r Report) Deed() Deed {
	if r.Late {
		return Deed{Kind: DeedReportLate}
	}
	return Deed{Kind: DeedReportOnTime}
}
