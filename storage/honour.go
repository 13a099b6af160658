package storage

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// The year's end by Law 06/2022/QH15 and Decree 98/2023/NĐ-CP: the bot
// proposes (commend.go), the Hội đồng Thi đua – Khen thưởng votes on each
// person or collective proposed (bình xét), and the Giám đốc Sở signs the
// decisions. An admin records both here, one Honour a candidate a year:
// the vote (for, of the members present, and the outcome the council
// declared), then the decision (number, date, form of commendation).

// Subject is who an honour is for: a member, or a unit (a collective).
type Subject struct {
	Member int64  `json:"member,omitempty"`
	Unit   string `json:"unit,omitempty"`
}

// String is the subject as a button carries it: m5001, uVP.
func (s Subject) String() string {
	if s.Member != 0 {
		return "m" + strconv.FormatInt(s.Member, 10)
	}
	return "u" + s.Unit
}

// ref is the subject as the audit log names it.
func (s Subject) ref() string {
	if s.Member != 0 {
		return memberRef(s.Member)
	}
	return "unit:" + s.Unit
}

// ParseSubject reads what String wrote.
func ParseSubject(s string) (Subject, bool) {
	switch {
	case strings.HasPrefix(s, "m"):
		id, err := strconv.ParseInt(s[1:], 10, 64)
		return Subject{Member: id}, err == nil && id > 0
	case strings.HasPrefix(s, "u") && len(s) > 1:
		return Subject{Unit: s[1:]}, true
	}
	return Subject{}, false
}

// Vote is the council's vote on one candidate.
type Vote struct {
	For     int       `json:"for"`
	Present int       `json:"present"`
	Passed  bool      `json:"passed"`
	At      time.Time `json:"at"`
	By      int64     `json:"by"`
}

// Conferral is the signed decision commending one candidate.
type Conferral struct {
	No   string    `json:"no"`
	Date time.Time `json:"date"`
	Form Award     `json:"form"`
	At   time.Time `json:"at"`
	By   int64     `json:"by"`
}

// Honour is a candidate's year-end record: proposed, voted on, decided.
type Honour struct {
	Year     int        `json:"year"`
	Subject  Subject    `json:"subject"`
	Proposed Award      `json:"proposed,omitempty"`
	Vote     *Vote      `json:"vote,omitempty"`
	Decision *Conferral `json:"decision,omitempty"`
}

// The reasons a vote or a decision on record is refused.
const (
	ReasonVotePresent   Reason = "vote_present"   // members present: at least one
	ReasonVoteTooMany   Reason = "vote_too_many"  // for, present
	ReasonVoteDecided   Reason = "vote_decided"   // a decision is on record already
	ReasonNotVoted      Reason = "not_voted"      // no passed vote to decide on
	ReasonAwardUnknown  Reason = "award_unknown"  // the form given
	ReasonHonourDecided Reason = "honour_decided" // the decision's number on record
	ReasonHonourUnknown Reason = "honour_unknown" // no such candidate
)

// Awards are the forms of commendation a decision may confer.
var Awards = []Award{AwardGiayKhen, AwardBangKhen, AwardBangKhenBo}

func honourKey(year int, s Subject) []byte {
	return []byte(strconv.Itoa(year) + "|" + s.String())
}

// Honour returns a candidate's record for year; ok is false when none.
func (tx *Tx) Honour(year int, s Subject) (Honour, bool, error) {
	var h Honour
	ok, err := tx.getJSON(bucketHonours, honourKey(year, s), &h)
	return h, ok, err
}

// RecordVote records the council's vote on a candidate: for of present,
// and the outcome it declared. Only an admin records it, and only before
// a decision is on record; voted again, the last vote stands.
func (tx *Tx) RecordVote(actor Member, year int, s Subject, proposed Award, votesFor, present int, passed bool) (Honour, error) {
	if !actor.IsAdmin() {
		return Honour{}, Errorf(EForbidden, ReasonNotAllowed)
	}
	if present < 1 {
		return Honour{}, Errorf(EInvalid, ReasonVotePresent)
	}
	if votesFor < 0 || votesFor > present {
		return Honour{}, Errorf(EInvalid, ReasonVoteTooMany, votesFor, present)
	}
	h, _, err := tx.Honour(year, s)
	if err != nil {
		return h, err
	}
	if h.Decision != nil {
		return h, Errorf(EConflict, ReasonVoteDecided, h.Decision.No)
	}
	h.Year, h.Subject = year, s
	if proposed != AwardNone {
		h.Proposed = proposed
	}
	h.Vote = &Vote{For: votesFor, Present: present, Passed: passed, At: tx.now, By: actor.UserID}
	if err := putJSON(tx.tx.Bucket(bucketHonours), honourKey(year, s), h); err != nil {
		return h, err
	}
	outcome := "không đạt"
	if passed {
		outcome = "đạt"
	}
	return h, tx.audit(actor.UserID, AuditHonourVote, s.ref(), strconv.Itoa(year)+": "+strconv.Itoa(votesFor)+"/"+strconv.Itoa(present)+", "+outcome)
}

// RecordDecision records the signed decision on a candidate the council
// passed: number, date (signed by now), form. Only an admin, and once.
func (tx *Tx) RecordDecision(actor Member, year int, s Subject, no string, date time.Time, form Award) (Honour, error) {
	if !actor.IsAdmin() {
		return Honour{}, Errorf(EForbidden, ReasonNotAllowed)
	}
	h, ok, err := tx.Honour(year, s)
	if err != nil {
		return h, err
	}
	if !ok || h.Vote == nil || !h.Vote.Passed {
		return h, Errorf(EConflict, ReasonNotVoted)
	}
	if h.Decision != nil {
		return h, Errorf(EConflict, ReasonHonourDecided, h.Decision.No)
	}
	if no, err = CheckDecisionNo(no); err != nil {
		return h, err
	}
	if err := CheckDecisionDate(date, tx.now); err != nil {
		return h, err
	}
	known := false
	for _, a := range Awards {
		known = known || a == form
	}
	if !known {
		return h, Errorf(EInvalid, ReasonAwardUnknown, string(form))
	}
	h.Decision = &Conferral{No: no, Date: date, Form: form, At: tx.now, By: actor.UserID}
	if err := putJSON(tx.tx.Bucket(bucketHonours), honourKey(year, s), h); err != nil {
		return h, err
	}
	return h, tx.audit(actor.UserID, AuditHonourDecide, s.ref(), no+" "+date.Format("02/01/2006"))
}

// Honours returns the year's records, in key order.
func (tx *Tx) Honours(year int) ([]Honour, error) {
	var out []Honour
	prefix := []byte(strconv.Itoa(year) + "|")
	c := tx.tx.Bucket(bucketHonours).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var h Honour
		if err := decode(bucketHonours, k, v, &h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// HonoursOf returns the commendations a member received (decided), and
// their unit's, oldest year first.
func (tx *Tx) HonoursOf(member int64) ([]Honour, error) {
	var out []Honour
	err := tx.tx.Bucket(bucketHonours).ForEach(func(k, v []byte) error {
		var h Honour
		if err := decode(bucketHonours, k, v, &h); err != nil {
			return err
		}
		if h.Decision != nil && h.Subject.Member == member {
			out = append(out, h)
		}
		return nil
	})
	return out, err
}

// RecordHonourRoll records that actor posted the year's honour roll to the
// staff group.
func (tx *Tx) RecordHonourRoll(actor Member, year int) error {
	return tx.audit(actor.UserID, AuditHonourRoll, strconv.Itoa(year), "")
}
