package storage

import (
	"bytes"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Scores are a director's marks for an accepted initiative, each 1 to 10,
// on the criteria of Decree 13/2012/NĐ-CP: novelty, applicability, benefit.
type Scores struct {
	Novelty       int `json:"novelty"`
	Applicability int `json:"applicability"`
	Benefit       int `json:"benefit"`
}

// Total is the sum of the three marks.
func (s Scores) Total() int { return s.Novelty + s.Applicability + s.Benefit }

// Validate checks each mark is from 1 to 10.
func (s Scores) Validate() error {
	for _, v := range []int{s.Novelty, s.Applicability, s.Benefit} {
		if v < 1 || v > 10 {
			return Errorf(EInvalid, ReasonScoreRange)
		}
	}
	return nil
}

// The decisions that move an idea (SPEC §4).
const (
	ActEndorse  = "endorse"  // head: submitted → endorsed
	ActReturn   = "return"   // head: submitted → returned, with a reason
	ActReject   = "reject"   // head: submitted → rejected; director: endorsed → rejected; with a reason
	ActAccept   = "accept"   // director: endorsed → accepted, with scores
	ActWithdraw = "withdraw" // author, before acceptance → withdrawn
	// ActRequestRecognition asks for an applied idea's recognition: the
	// author or the unit's head, done → requested.
	ActRequestRecognition = "request_recognition"
	// ActRecognise and ActNotRecognise are the director's decision on a
	// requested recognition: with the decision on record (Decision.Recognition),
	// or with a reason.
	ActRecognise    = "recognise"
	ActNotRecognise = "not_recognise"
	// ActDuplicate returns an idea as a duplicate of another (Decision.Of):
	// a head from submitted, a director from endorsed; both histories link.
	ActDuplicate = "duplicate"
)

// Decision is what a reviewer or the author decides about an idea.
type Decision struct {
	Action string
	Reason string
	Scores Scores
	Of     uint64 // the idea it duplicates (ActDuplicate)
	// Recognition is the decision recognising the idea (ActRecognise).
	Recognition Recognition
}

// DecideIdea applies a decision: it checks who decides and from which
// state, and writes the idea, its history and the audit entry. A decision
// on an idea that has moved on since is refused with EConflict, so of two
// reviewers pressing at once exactly one wins.
func (tx *Tx) DecideIdea(actor Member, id uint64, d Decision) (Idea, error) {
	idea, err := tx.Idea(id)
	if err != nil {
		return idea, err
	}
	old := idea
	if err := actor.MayDecide(idea, d.Action); err != nil {
		return idea, err
	}
	if d.Action == ActAccept {
		if err := d.Scores.Validate(); err != nil {
			return idea, err
		}
	}
	if d.Action == ActRecognise {
		if err := idea.CheckRecognition(&d.Recognition, tx.now, tx.db.opt.Loc); err != nil {
			return idea, err
		}
	}
	if d.Action == ActReturn || d.Action == ActReject || d.Action == ActNotRecognise {
		if d.Reason, err = CheckReason(d.Reason); err != nil {
			return idea, err
		}
	}
	var original Idea
	if d.Action == ActDuplicate {
		if d.Of == id {
			return idea, Errorf(EInvalid, ReasonDuplicateSelf, idea.Ref())
		}
		if original, err = tx.Idea(d.Of); err != nil {
			return idea, err
		}
		d.Reason = ""
	}
	next := map[string]IdeaStatus{ActEndorse: IdeaEndorsed, ActReturn: IdeaReturned, ActReject: actor.RefusalOf(idea), ActAccept: IdeaApproved, ActWithdraw: IdeaWithdrawn, ActDuplicate: IdeaReturned,
		ActRequestRecognition: IdeaRequested, ActRecognise: IdeaRecognised, ActNotRecognise: IdeaNotRecognised}[d.Action]
	ev := Event{At: tx.now, Actor: actor.UserID, Status: next, Note: d.Reason, DuplicateOf: d.Of}
	if d.Action == ActRecognise {
		r := d.Recognition
		idea.Recognition, ev.Recognition = &r, &r
	}
	if d.Action == ActAccept {
		scores := d.Scores
		idea.Scores, ev.Scores = &scores, &scores
		idea.AcceptedAt = tx.now
	}
	idea.Status, idea.UpdatedAt = next, tx.now
	idea.History = append(idea.History, ev)
	if err := tx.putIdea(&old, idea); err != nil {
		return idea, err
	}
	if err := tx.award(idea.Author, idea.Unit, ev.EarnedAt(idea), tx.db.opt.Scoring.Points(ev.Deed())); err != nil {
		return idea, err
	}
	if d.Action == ActDuplicate {
		linked := original
		linked.History = append(slices.Clone(original.History), Event{At: tx.now, Actor: actor.UserID, Duplicate: idea.ID})
		if err := tx.putIdea(&original, linked); err != nil {
			return idea, err
		}
		d.Reason = original.Ref()
	}
	note := d.Reason
	if d.Action == ActRecognise {
		note = d.Recognition.No + " " + d.Recognition.Date.Format("02/01/2006")
	}
	return idea, tx.audit(actor.UserID, ideaAudit(d.Action), idea.Ref(), note)
}

// ResubmitIdea puts a returned idea, edited by its author, back to review.
func (tx *Tx) ResubmitIdea(actor Member, id uint64, edited Idea) (Idea, error) {
	idea, err := tx.Idea(id)
	if err != nil {
		return idea, err
	}
	if err := actor.MayResubmit(idea); err != nil {
		return idea, err
	}
	old := idea
	idea.Theme, idea.Title, idea.Description, idea.EstSavings = edited.Theme, edited.Title, edited.Description, edited.EstSavings
	idea.Benefit = edited.Benefit
	idea.Similar = edited.Similar[:min(len(edited.Similar), 3)]
	if err := idea.Validate(); err != nil {
		return old, err
	}
	// Sent again, it goes to whoever reviews the author's work now.
	if err := tx.route(actor, &idea); err != nil {
		return old, err
	}
	idea.Status, idea.UpdatedAt = IdeaSubmitted, tx.now
	idea.History = append(idea.History, Event{At: tx.now, Actor: actor.UserID, Status: IdeaSubmitted, Note: "resubmitted"})
	if err := tx.putIdea(&old, idea); err != nil {
		return idea, err
	}
	return idea, tx.audit(actor.UserID, AuditIdeaResubmit, idea.Ref(), "")
}

// Progress is one progress report on an accepted idea.
type Progress struct {
	IdeaID  uint64    `json:"idea_id"`
	At      time.Time `json:"at"`
	Actor   int64     `json:"actor"`
	Percent int       `json:"percent"`
	Saved   int64     `json:"saved"` // VND saved so far, in all
	Note    string    `json:"note,omitempty"`
}

// ReportProgress records the author's progress on an accepted idea. 100 %
// makes it done.
func (tx *Tx) ReportProgress(actor Member, p Progress) (Idea, error) {
	idea, err := tx.Idea(p.IdeaID)
	if err != nil {
		return idea, err
	}
	if err := actor.MayReportProgress(idea); err != nil {
		return idea, err
	}
	if p.Percent < 0 || p.Percent > 100 {
		return idea, Errorf(EInvalid, ReasonPercentRange)
	}
	if p.Saved < 0 || p.Saved > MaxVND {
		return idea, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	p.Note = strings.TrimSpace(p.Note)
	if utf8.RuneCountInString(p.Note) > MaxReasonLen {
		return idea, Errorf(EInvalid, ReasonTextTooLong, MaxReasonLen, utf8.RuneCountInString(p.Note))
	}
	p.At, p.Actor = tx.now, actor.UserID
	b := tx.tx.Bucket(bucketProgress)
	seq, err := b.NextSequence()
	if err != nil {
		return idea, err
	}
	if err := putJSON(b, append(u64(p.IdeaID), u64(seq)...), p); err != nil {
		return idea, err
	}
	old := idea
	next := IdeaInProgress
	if p.Percent == 100 {
		next = IdeaDone
	}
	idea.Status, idea.Percent, idea.Saved, idea.UpdatedAt = next, p.Percent, p.Saved, tx.now
	var ev Event // the step this report adds to the history, if any
	if next != old.Status {
		ev = Event{At: tx.now, Actor: actor.UserID, Status: next, Note: p.Note}
		idea.History = append(idea.History, ev)
	}
	if err := tx.putIdea(&old, idea); err != nil {
		return idea, err
	}
	sc := tx.db.opt.Scoring
	pts := sc.Points(SavedDeed(old.Saved, p.Saved)) + sc.Points(ev.Deed())
	if err := tx.award(idea.Author, idea.Unit, tx.now, pts); err != nil {
		return idea, err
	}
	return idea, tx.audit(actor.UserID, AuditIdeaProgress, idea.Ref(), itoa(int64(p.Percent))+"%")
}

// ProgressOf returns every progress report on an idea, oldest first.
func (tx *Tx) ProgressOf(id uint64) ([]Progress, error) {
	var out []Progress
	prefix := u64(id)
	c := tx.tx.Bucket(bucketProgress).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var p Progress
		if err := decode(bucketProgress, k, v, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// EachProgress calls fn for every progress report, by idea, until fn fails.
func (tx *Tx) EachProgress(fn func(Progress) error) error {
	return tx.tx.Bucket(bucketProgress).ForEach(func(k, v []byte) error {
		var p Progress
		if err := decode(bucketProgress, k, v, &p); err != nil {
			return err
		}
		return fn(p)
	})
}
