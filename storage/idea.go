package storage

import (
	"bytes"
	"encoding/binary"
	"strings"
	"time"
	"unicode/utf8"
)

// Theme is which of the movement's two contents an idea serves.
type Theme string

// The movement's contents: thrift and fighting waste, and modern
// infrastructure.
const (
	ThemeThrift         Theme = "thrift"
	ThemeInfrastructure Theme = "infrastructure"
)

// IdeaStatus is where an idea is in its workflow (SPEC §4).
type IdeaStatus string

// The states of an idea.
const (
	IdeaSubmitted   IdeaStatus = "submitted"
	IdeaEndorsed    IdeaStatus = "endorsed"
	IdeaReturned    IdeaStatus = "returned"
	IdeaNotProposed IdeaStatus = "not_proposed" // the head did not propose it (không được đơn vị đề xuất)
	IdeaApproved    IdeaStatus = "approved"     // approved for application by the director (chấp thuận áp dụng); "accepted" before schema 9
	IdeaNotApproved IdeaStatus = "not_approved" // the director did not approve it (không được chấp thuận áp dụng)
	IdeaInProgress  IdeaStatus = "in_progress"
	IdeaDone        IdeaStatus = "done" // applied: progress 100 %
	// IdeaRequested is an applied idea whose recognition the author or
	// the head asked for; the director's decision recognises it
	// (IdeaRecognised) or not (IdeaNotRecognised).
	IdeaRequested     IdeaStatus = "requested"
	IdeaRecognised    IdeaStatus = "recognised"
	IdeaNotRecognised IdeaStatus = "not_recognised"
	IdeaWithdrawn     IdeaStatus = "withdrawn"
)

// IdeaStatuses lists every status in workflow order.
var IdeaStatuses = []IdeaStatus{IdeaSubmitted, IdeaEndorsed, IdeaReturned, IdeaNotProposed, IdeaApproved, IdeaNotApproved, IdeaInProgress, IdeaDone, IdeaRequested, IdeaRecognised, IdeaNotRecognised, IdeaWithdrawn}

// Refused reports whether s is a refusal, at whichever step.
func (s IdeaStatus) Refused() bool {
	return s == IdeaNotProposed || s == IdeaNotApproved || s == IdeaNotRecognised
}

// Bounds of an idea's texts and money (SPEC §9).
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 3000
	MaxReasonLen      = 1000
	// MaxVND bounds any amount of money: a trillion đồng is beyond any
	// unit's budget, so more is a typing error.
	MaxVND = 1_000_000_000_000
)

// Idea is a savings idea or initiative (sáng kiến).
type Idea struct {
	ID          uint64     `json:"id"`
	Author      int64      `json:"author"`
	Unit        string     `json:"unit"`
	Theme       Theme      `json:"theme"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	EstSavings  int64      `json:"est_savings"`
	Status      IdeaStatus `json:"status"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	Scores      *Scores    `json:"scores,omitempty"`
	AcceptedAt  time.Time  `json:"accepted_at,omitzero"` // approved for application
	// Recognition is the director's decision recognising it, once
	// recognised (never without one).
	Recognition *Recognition `json:"recognition,omitempty"`
	Percent     int          `json:"percent,omitempty"`
	Saved       int64        `json:"saved,omitempty"` // VND actually saved so far
	History     []Event      `json:"history"`
	// Who reviews it, decided from its author when it was (last)
	// submitted (see Review and MayDecide): no one reviews their own work.
	SkipHead bool `json:"skip_head,omitempty"` // the author heads the unit: the directors decide it from submitted
	ToAdmins bool `json:"to_admins,omitempty"` // the author is the only director: the admins decide it too
	// Similar are the ideas found like this one when it was sent (at most
	// three; SimilarIdeas), for its reviewers to see.
	Similar []uint64 `json:"similar,omitempty"`
	// Benefit is what an infrastructure idea brings besides money (an
	// indicator moved, or why it cannot be counted); nil: its EstSavings.
	Benefit *Benefit `json:"benefit,omitempty"`
}

// Event is one step in an idea's history, or a link to another idea.
type Event struct {
	At     time.Time  `json:"at"`
	Actor  int64      `json:"actor"`
	Status IdeaStatus `json:"status"` // the status the step moved to; "" for a link
	Note   string     `json:"note,omitempty"`
	Scores *Scores    `json:"scores,omitempty"`
	// Recognition is the decision a recognised step was taken by.
	Recognition *Recognition `json:"recognition,omitempty"`
	// DuplicateOf is the idea this one was returned as a duplicate of;
	// Duplicate, on that idea, is a link with no step: the idea marked a
	// duplicate of it.
	DuplicateOf uint64 `json:"duplicate_of,omitempty"`
	Duplicate   uint64 `json:"duplicate,omitempty"`
	// Opinion marks a note with no step: the initiative council's opinion
	// on a recognition asked for (GiveOpinion), in Note.
	Opinion bool `json:"opinion,omitempty"`
}

// Step reports whether the event moved the idea (a link between two
// ideas did not).
func (e Event) Step() bool { return e.Status != "" }

// Ref is the idea's short id, as people write it: SK-42.
func (i Idea) Ref() string { return IdeaRef(i.ID) }

// Validate checks the rules every idea must keep, and tidies its texts.
func (i *Idea) Validate() error {
	var err error
	if i.Theme != ThemeThrift && i.Theme != ThemeInfrastructure {
		return Errorf(EInvalid, ReasonThemeUnknown)
	}
	if i.Title, err = CheckTitle(i.Title); err != nil {
		return err
	}
	if i.Description, err = CheckDescription(i.Description); err != nil {
		return err
	}
	if i.EstSavings < 0 || i.EstSavings > MaxVND {
		return Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	if i.Benefit != nil {
		return i.Benefit.Check(i.Theme)
	}
	return nil
}

// CheckTitle tidies an idea's title (one line) and checks its bounds.
func CheckTitle(s string) (string, error) {
	return checkText(strings.Join(strings.Fields(s), " "), MaxTitleLen, ReasonTitleEmpty, ReasonTitleTooLong)
}

// CheckDescription tidies an idea's description and checks its bounds.
func CheckDescription(s string) (string, error) {
	return checkText(strings.TrimSpace(s), MaxDescriptionLen, ReasonDescriptionEmpty, ReasonDescriptionTooLong)
}

// CheckReason tidies a reason (or an outcome, a note) and checks its bounds.
func CheckReason(s string) (string, error) {
	return checkText(strings.TrimSpace(s), MaxReasonLen, ReasonTextEmpty, ReasonTextTooLong)
}

// checkText refuses an empty text, or one over max characters, saying how
// long it is.
func checkText(s string, max int, empty, long Reason) (string, error) {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "", Errorf(EInvalid, empty)
	case n > max:
		return "", Errorf(EInvalid, long, max, n)
	}
	return s, nil
}

// SubmitIdea stores a new idea by actor, gives it the next id and starts
// its history.
func (tx *Tx) SubmitIdea(actor Member, idea Idea) (Idea, error) {
	if !actor.IsStaff() {
		return idea, Errorf(EForbidden, ReasonNotAllowed)
	}
	idea.Author, idea.Unit, idea.Status = actor.UserID, actor.Unit, IdeaSubmitted
	idea.Similar = idea.Similar[:min(len(idea.Similar), 3)]
	if err := idea.Validate(); err != nil {
		return idea, err
	}
	if err := tx.route(actor, &idea); err != nil {
		return idea, err
	}
	b := tx.tx.Bucket(bucketIdeas)
	id, err := b.NextSequence()
	if err != nil {
		return idea, err
	}
	idea.ID, idea.CreatedAt, idea.UpdatedAt = id, tx.now, tx.now
	idea.History = []Event{{At: tx.now, Actor: actor.UserID, Status: IdeaSubmitted}}
	if err := tx.putIdea(nil, idea); err != nil {
		return idea, err
	}
	if err := tx.award(idea.Author, idea.Unit, tx.now, tx.db.opt.Scoring.Points(idea.History[0].Deed())); err != nil {
		return idea, err
	}
	return idea, tx.audit(actor.UserID, AuditIdeaSubmit, idea.Ref(), "")
}

// route decides who reviews idea, submitted by author (Review).
func (tx *Tx) route(author Member, idea *Idea) error {
	directors, err := tx.Directors()
	idea.SkipHead, idea.ToAdmins = Review(author, directors)
	return err
}

// Idea returns an idea by id, or ENotFound.
func (tx *Tx) Idea(id uint64) (Idea, error) {
	return getRecord[Idea](tx, bucketIdeas, u64(id), func() error {
		return Errorf(ENotFound, ReasonIdeaNotFound, IdeaRef(id))
	})
}

// IdeaFilter selects ideas for a listing.
type IdeaFilter struct {
	Author int64      // only this author's, when not 0
	Unit   string     // only this unit's, when not ""
	Status IdeaStatus // only this status, when not ""
	Theme  Theme      // only this theme, when not ""
	// Match, when set, keeps only the ideas it accepts: a rule on the
	// record (who may decide it) that the indexes do not hold.
	Match func(Idea) bool
}

// Ideas returns the newest ideas matching f, at most limit of them, and how
// many matched in all.
func (tx *Tx) Ideas(f IdeaFilter, limit int) ([]Idea, int, error) {
	return tx.IdeasPage(f, 0, limit)
}

// IdeasPage is Ideas from the offset-th match on (newest first).
func (tx *Tx) IdeasPage(f IdeaFilter, offset, limit int) ([]Idea, int, error) {
	var out []Idea
	total := 0
	match := func(idea Idea) {
		if (f.Status != "" && idea.Status != f.Status) || (f.Theme != "" && idea.Theme != f.Theme) ||
			(f.Unit != "" && idea.Unit != f.Unit) || (f.Author != 0 && idea.Author != f.Author) || (f.Match != nil && !f.Match(idea)) {
			return
		}
		total++
		if total > offset && len(out) < limit {
			out = append(out, idea)
		}
	}
	var prefix []byte
	var idx []byte
	switch {
	case f.Author != 0:
		idx, prefix = bucketIdeasAuthor, u64(uint64(f.Author))
	case f.Unit != "":
		idx, prefix = bucketIdeasUnit, append([]byte(f.Unit), 0)
	case f.Status != "":
		idx, prefix = bucketIdeasStatus, append([]byte(f.Status), 0)
	}
	if idx == nil {
		c := tx.tx.Bucket(bucketIdeas).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var idea Idea
			if err := decode(bucketIdeas, k, v, &idea); err != nil {
				return nil, 0, err
			}
			match(idea)
		}
		return out, total, nil
	}
	c := tx.tx.Bucket(idx).Cursor()
	// Walk the index backwards from the end of the prefix: newest first.
	end := append(append([]byte{}, prefix...), bytes.Repeat([]byte{0xff}, 8)...)
	k, _ := c.Seek(end)
	switch {
	case k == nil:
		k, _ = c.Last()
	case !bytes.Equal(k, end):
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		idea, err := tx.Idea(binary.BigEndian.Uint64(k[len(prefix):]))
		if err != nil {
			return nil, 0, err
		}
		match(idea)
	}
	return out, total, nil
}

func unitIndexKey(unit string, id uint64) []byte {
	return append(append([]byte(unit), 0), u64(id)...)
}

// putIdea stores an idea and keeps its indexes in step; old is the stored
// version, nil for a new idea.
func (tx *Tx) putIdea(old *Idea, idea Idea) error {
	if err := putJSON(tx.tx.Bucket(bucketIdeas), u64(idea.ID), idea); err != nil {
		return err
	}
	status := tx.tx.Bucket(bucketIdeasStatus)
	if old == nil {
		if err := tx.tx.Bucket(bucketIdeasAuthor).Put(append(u64(uint64(idea.Author)), u64(idea.ID)...), nil); err != nil {
			return err
		}
		if err := tx.tx.Bucket(bucketIdeasUnit).Put(unitIndexKey(idea.Unit, idea.ID), nil); err != nil {
			return err
		}
	} else if old.Status != idea.Status {
		if err := status.Delete(unitIndexKey(string(old.Status), idea.ID)); err != nil {
			return err
		}
	}
	if err := tx.countIdea(old, idea); err != nil {
		return err
	}
	if err := tx.reindexIdea(old, idea); err != nil {
		return err
	}
	return status.Put(unitIndexKey(string(idea.Status), idea.ID), nil)
}

// EachIdea calls fn for every idea, oldest first, until fn fails.
func (tx *Tx) EachIdea(fn func(Idea) error) error {
	return tx.tx.Bucket(bucketIdeas).ForEach(func(k, v []byte) error {
		var idea Idea
		if err := decode(bucketIdeas, k, v, &idea); err != nil {
			return err
		}
		return fn(idea)
	})
}
