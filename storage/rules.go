package storage

import "time"

// Who may do what, from which state: plain functions on the records, so
// that the storage's transactions and the bot's buttons ask the same
// question, and a table test can check every role in every state without
// a database. A May… function says why not (EForbidden when it is not the
// member's to do, EConflict when the record is not in a state that allows
// it); a Can… function only whether.

// CanSee reports whether m may read idea: its author, the heads of its
// unit, directors and admins.
func (m Member) CanSee(idea Idea) bool {
	return m.UserID == idea.Author || m.IsHead(idea.Unit) || m.IsDirector() || m.IsAdmin()
}

// CanManage reports whether m may approve joins to unit and manage its members.
func (m Member) CanManage(unit string) bool { return m.IsAdmin() || m.IsHead(unit) }

// CanDecide reports whether m may take action on idea now (so that the
// bot shows only the buttons that would work).
func (m Member) CanDecide(idea Idea, action string) bool { return m.MayDecide(idea, action) == nil }

// MayDecide says why m may not take action on idea now: EForbidden when
// it is not theirs to decide, EConflict when the idea has moved on.
func (m Member) MayDecide(idea Idea, action string) error {
	var mine, fromOK bool
	switch action {
	case ActEndorse, ActReturn:
		mine, fromOK = m.IsHead(idea.Unit), idea.Status == IdeaSubmitted
	case ActReject:
		head, director := m.IsHead(idea.Unit), m.IsDirector()
		mine = head || director
		fromOK = (head && idea.Status == IdeaSubmitted) || (director && idea.Status == IdeaEndorsed)
	case ActAccept:
		mine, fromOK = m.IsDirector(), idea.Status == IdeaEndorsed
	case ActDuplicate: // whoever reviews it now
		head, director := m.IsHead(idea.Unit), m.IsDirector()
		mine = head || director
		fromOK = (head && idea.Status == IdeaSubmitted) || (director && idea.Status == IdeaEndorsed)
	case ActWithdraw:
		mine = m.UserID == idea.Author
		fromOK = idea.Status == IdeaSubmitted || idea.Status == IdeaEndorsed || idea.Status == IdeaReturned
	}
	switch {
	case !mine:
		return Errorf(EForbidden, ReasonNotAllowed)
	case !fromOK:
		return Errorf(EConflict, ReasonIdeaDecided, idea.Ref())
	}
	return nil
}

// MayResubmit says why m may not put idea, edited, back to review: only
// its author may, and only once it was returned.
func (m Member) MayResubmit(idea Idea) error {
	if m.UserID != idea.Author {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if idea.Status != IdeaReturned {
		return Errorf(EConflict, ReasonIdeaDecided, idea.Ref())
	}
	return nil
}

// MayReportProgress says why m may not report progress on idea: only its
// author may, once it was accepted and until it is done.
func (m Member) MayReportProgress(idea Idea) error {
	if m.UserID != idea.Author {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if idea.Status != IdeaAccepted && idea.Status != IdeaInProgress {
		return Errorf(EConflict, ReasonProgressNotAccepted, idea.Ref())
	}
	return nil
}

// MayRequestJoin says why m may not ask to join a unit: a member of one
// already. A pending request may be made again (to another unit, under
// another name), and one who left may come back.
func (m Member) MayRequestJoin() error {
	if m.Active() && m.Unit != "" {
		return Errorf(EConflict, ReasonAlreadyMember, m.Unit)
	}
	return nil
}

// MayDecideJoin says why m may not approve or decline whom's request to
// join: only an admin or a head of the unit asked for, and only once.
func (m Member) MayDecideJoin(whom Member) error {
	if !m.CanManage(whom.Unit) {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if whom.Status != StatusPending {
		return Errorf(EConflict, ReasonJoinDecided)
	}
	return nil
}

// MayReport says why m may not file (or correct) their unit's report for
// p: only a head, and only while the period is open. Being late does not
// stop a report; it is marked late (LateAt).
func (m Member) MayReport(p Period) error {
	if !m.IsHead("") {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if p.Closed {
		return Errorf(EConflict, ReasonPeriodClosed, p.Name)
	}
	return nil
}

// LateAt reports whether a report first filed at t for p is late: after
// the due time, to the second.
func (p Period) LateAt(t time.Time) bool { return t.After(p.Due) }
