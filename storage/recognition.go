package storage

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// An initiative's recognition, by Law 06/2022/QH15 and Decree
// 13/2012/NĐ-CP on initiatives: an idea approved for application is
// applied, then recognised as an initiative (công nhận sáng kiến) by the
// head of the agency's decision, with its number, its date and its level.
// Only a recognised initiative is evidence toward the yearly titles.

// LevelBase is the only level the Sở recognises at: cấp cơ sở.
const LevelBase = "co_so"

// Recognition is the director's decision recognising an initiative.
type Recognition struct {
	No    string    `json:"no"`    // the decision's number, as written: 125/QĐ-STTTT
	Date  time.Time `json:"date"`  // the day it was signed (midnight in the organisation's zone)
	Level string    `json:"level"` // LevelBase
}

// The reasons a decision on record is refused.
const (
	ReasonDecisionNoEmpty   Reason = "decision_no_empty"
	ReasonDecisionNoFormat  Reason = "decision_no_format" // what was given
	ReasonDecisionDateEmpty Reason = "decision_date_empty"
	ReasonDecisionDateAhead Reason = "decision_date_ahead" // the date given
	ReasonNotApplied        Reason = "not_applied"         // the idea's ref: never approved and applied
	// ReasonDecisionBeforeApproval: the date given, the day the idea was
	// approved for application (an initiative is recognised once applied).
	ReasonDecisionBeforeApproval Reason = "decision_before_approval"
)

// maxDecisionNoLen bounds a decision's number: "1234/QĐ-STTTT" is 13.
const maxDecisionNoLen = 40

// CheckDecisionNo tidies a decision's number and checks it is one: not
// empty, short, with a digit and no line break.
func CheckDecisionNo(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", Errorf(EInvalid, ReasonDecisionNoEmpty)
	}
	if utf8.RuneCountInString(s) > maxDecisionNoLen || !strings.ContainsAny(s, "0123456789") {
		return "", Errorf(EInvalid, ReasonDecisionNoFormat, s)
	}
	return s, nil
}

// CheckDecisionDate refuses a decision's date that is missing or after
// now (a decision on record was signed already).
func CheckDecisionDate(d, now time.Time) error {
	if d.IsZero() {
		return Errorf(EInvalid, ReasonDecisionDateEmpty)
	}
	if d.After(now) {
		return Errorf(EInvalid, ReasonDecisionDateAhead, d.Format("02/01/2006"))
	}
	return nil
}

// Validate checks a recognition's number, date and level.
func (r *Recognition) Validate(now time.Time) error {
	var err error
	if r.No, err = CheckDecisionNo(r.No); err != nil {
		return err
	}
	if err := CheckDecisionDate(r.Date, now); err != nil {
		return err
	}
	if r.Level == "" {
		r.Level = LevelBase
	}
	return nil
}

// CheckRecognition checks a decision recognising idea at now: its number,
// its date (signed by now, and not before the idea was approved for
// application, in loc's days) and its level.
func (i Idea) CheckRecognition(r *Recognition, now time.Time, loc *time.Location) error {
	if err := r.Validate(now); err != nil {
		return err
	}
	if i.AcceptedAt.IsZero() {
		return nil
	}
	a := i.AcceptedAt.In(loc)
	if approved := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc); r.Date.Before(approved) {
		return Errorf(EInvalid, ReasonDecisionBeforeApproval, r.Date.In(loc).Format("02/01/2006"), a.Format("02/01/2006"))
	}
	return nil
}

// GiveOpinion records the initiative council's opinion on an idea whose
// recognition is asked for: a note in its history, no step. council says
// whether actor sits on the council (the configuration knows).
func (tx *Tx) GiveOpinion(actor Member, council bool, id uint64, opinion string) (Idea, error) {
	idea, err := tx.Idea(id)
	if err != nil {
		return idea, err
	}
	if !council || !actor.Active() || actor.UserID == idea.Author {
		return idea, Errorf(EForbidden, ReasonNotAllowed)
	}
	if idea.Status != IdeaRequested {
		return idea, Errorf(EConflict, ReasonIdeaDecided, idea.Ref())
	}
	if opinion, err = CheckReason(opinion); err != nil {
		return idea, err
	}
	old := idea
	idea.History = append(slices.Clone(idea.History), Event{At: tx.now, Actor: actor.UserID, Note: opinion, Opinion: true})
	if err := tx.putIdea(&old, idea); err != nil {
		return idea, err
	}
	return idea, tx.audit(actor.UserID, AuditIdeaOpinion, idea.Ref(), opinion)
}
