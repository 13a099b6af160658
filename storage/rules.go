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
//
// No one reviews their own work (SPEC §2): the author may only withdraw.
// An idea has two reviews, its unit's heads' (from submitted) and the
// directors' (from endorsed). A head's own idea skips the first
// (SkipHead): the directors decide it from submitted. A director's own
// idea is decided by another director, and by the admins when there was
// none (ToAdmins).
func (m Member) MayDecide(idea Idea, action string) error {
	own := m.UserID == idea.Author
	head := m.IsHead(idea.Unit) && !idea.SkipHead && !own
	director := (m.IsDirector() || (idea.ToAdmins && m.IsAdmin())) && !own
	directorFrom := IdeaEndorsed
	if idea.SkipHead {
		directorFrom = IdeaSubmitted
	}
	var mine, fromOK bool
	switch action {
	case ActEndorse, ActReturn:
		mine, fromOK = head, idea.Status == IdeaSubmitted
	case ActReject:
		mine = head || director
		fromOK = (head && idea.Status == IdeaSubmitted) || (director && idea.Status == directorFrom)
	case ActAccept:
		mine, fromOK = director, idea.Status == directorFrom
	case ActDuplicate: // whoever reviews it now
		mine = head || director
		fromOK = (head && idea.Status == IdeaSubmitted) || (director && idea.Status == directorFrom)
	case ActWithdraw:
		mine = own
		fromOK = idea.Status == IdeaSubmitted || idea.Status == IdeaEndorsed || idea.Status == IdeaReturned
	case ActRequestRecognition: // the author or the unit's head, once applied
		mine, fromOK = own || m.IsHead(idea.Unit), idea.Status == IdeaDone
	case ActRecognise, ActNotRecognise: // the director, once asked
		mine, fromOK = director, idea.Status == IdeaRequested
	}
	switch {
	case !mine:
		return Errorf(EForbidden, ReasonNotAllowed)
	case !fromOK && (action == ActRecognise || action == ActNotRecognise || action == ActRequestRecognition) && !idea.Applied():
		return Errorf(EConflict, ReasonNotApplied, idea.Ref())
	case !fromOK:
		return Errorf(EConflict, ReasonIdeaDecided, idea.Ref())
	}
	return nil
}

// RefusalOf is the status a refusal (ActReject) by m moves idea to: a
// head's is not proposed by the unit, a director's not approved for
// application. "" when m may not refuse it now.
func (m Member) RefusalOf(idea Idea) IdeaStatus {
	if m.MayDecide(idea, ActReject) != nil {
		return ""
	}
	if idea.Status == IdeaSubmitted && !idea.SkipHead {
		return IdeaNotProposed
	}
	return IdeaNotApproved
}

// Applied reports whether the idea was approved and applied (100 %):
// the only ideas recognition may be asked for.
func (i Idea) Applied() bool {
	switch i.Status {
	case IdeaDone, IdeaRequested, IdeaRecognised, IdeaNotRecognised:
		return true
	}
	return false
}

// Review says who reviews an idea by author, once submitted: a head's own
// skips the heads' review; a director's own goes to the admins when no
// other director is there to decide it (of directors, the ones now in
// office).
func Review(author Member, directors []Member) (skipHead, toAdmins bool) {
	skipHead = author.IsHead(author.Unit)
	if author.IsDirector() {
		toAdmins = true
		for _, d := range directors {
			if d.UserID != author.UserID && d.IsDirector() {
				toAdmins = false
			}
		}
	}
	return skipHead, toAdmins
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
	if idea.Status != IdeaApproved && idea.Status != IdeaInProgress {
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

// MayReport says why m may not file (or correct) unit's report for p
// ("" for their own unit): only a head, only their own unit's (a button
// names the unit it was sent for, and a forged or outdated one may name
// another), and only while the period is open. Being late does not stop a
// report; it is marked late (LateAt).
func (m Member) MayReport(p Period, unit string) error {
	if !m.IsHead("") {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if unit != "" && unit != m.Unit {
		return Errorf(EForbidden, ReasonReportOtherUnit, unit)
	}
	if p.Closed {
		return Errorf(EConflict, ReasonPeriodClosed, p.Name)
	}
	return nil
}

// MayChangeDeadline says why m may not correct or delete d, of which
// reports were filed or not: only an admin, only a single deadline added
// in chat (the file's are changed in the file), and only before any
// report was filed for it, so that no report loses its period.
func (m Member) MayChangeDeadline(d Deadline, reported bool) error {
	if !m.IsAdmin() {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if d.Spec != "" || !d.FromChat {
		return Errorf(EConflict, ReasonDeadlineConfigured, d.Name)
	}
	if reported {
		return Errorf(EConflict, ReasonDeadlineReported, d.Name)
	}
	return nil
}

// LateAt reports whether a report first filed at t for p is late: after
// the due time, to the second.
func (p Period) LateAt(t time.Time) bool { return t.After(p.Due) }

// Personal data (Law 91/2025/QH15): what may be kept of whom, and who may
// ask or do what about it.

// MayKeepNames reports whether the names Telegram gives may be stored for
// m: once they consented to the processing of their personal data, or
// when the movement keeps a record of them anyway (a member, one who asked
// to join or was one, a configured leader). A guest who has not consented
// is kept as no more than the id and language the bot answers by.
func (m Member) MayKeepNames() bool {
	return !m.ConsentAt.IsZero() || m.Status != StatusGuest || m.Director || m.Admin || !m.JoinedAt.IsZero()
}

// ErasedOnRefusal reports whether a refusal to consent erases m's record
// altogether: one who never became a member nor holds a configured role.
// A member, past or present, keeps the record their work is filed under;
// they may ask for its erasure (MayAskErasure).
func (m Member) ErasedOnRefusal() bool {
	return m.JoinedAt.IsZero() && m.Status != StatusActive && m.Status != StatusInactive && !m.Director && !m.Admin
}

// MayAskNameCorrection says why m may not ask the admins to correct their
// full name: only a member, past or present, under a name of their own.
func (m Member) MayAskNameCorrection() error {
	if m.Unit == "" || m.FullName == "" || m.Anonymised || (m.Status != StatusActive && m.Status != StatusInactive) {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	return nil
}

// MayAskErasure says why m may not ask the admins to erase their personal
// data: one with a unit's record that the anonymisation can erase (not a
// configured director or admin, not one erased already).
func (m Member) MayAskErasure() error {
	if m.Unit == "" || m.Director || m.Admin {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if m.Anonymised {
		return Errorf(EConflict, ReasonAlreadyAnonymised)
	}
	return nil
}

// MayDecideNameCorrection says why m may not correct whom's name as they
// asked, or turn the request down: only an admin, and only while one waits.
func (m Member) MayDecideNameCorrection(whom Member) error {
	if !m.IsAdmin() {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	if whom.NameRequest == "" || whom.Anonymised {
		return Errorf(EConflict, ReasonNoNameRequest)
	}
	return nil
}
