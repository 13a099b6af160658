package storage

import "time"

// Praise is a director's public praise (biểu dương) of a member or a unit.
type Praise struct {
	ID     uint64    `json:"id"`
	At     time.Time `json:"at"`
	By     int64     `json:"by"`
	Member int64     `json:"member,omitempty"` // the member praised (0 for a unit)
	Unit   string    `json:"unit,omitempty"`   // the unit praised, or the member's unit
	Reason string    `json:"reason"`
}

// AddPraise records a praise; only directors may praise.
func (tx *Tx) AddPraise(actor Member, p Praise) (Praise, error) {
	if !actor.IsDirector() {
		return p, Errorf(EForbidden, ReasonNotAllowed)
	}
	var err error
	if p.Reason, err = CheckReason(p.Reason); err != nil {
		return p, err
	}
	switch {
	case p.Member != 0:
		m, err := tx.ExistingMember(p.Member)
		if err != nil {
			return p, err
		}
		if !m.Active() {
			return p, Errorf(EConflict, ReasonMemberInactive)
		}
		p.Unit = m.Unit // the member's unit then: it shares the points
	case p.Unit != "":
		u, err := tx.ExistingUnit(p.Unit)
		if err != nil {
			return p, err
		}
		p.Unit = u.Code
	default:
		return p, Errorf(EInvalid, ReasonPraiseWhom)
	}
	b := tx.tx.Bucket(bucketPraise)
	if p.ID, err = b.NextSequence(); err != nil {
		return p, err
	}
	p.At, p.By = tx.now, actor.UserID
	if err := putJSON(b, u64(p.ID), p); err != nil {
		return p, err
	}
	if err := tx.award(p.Member, p.Unit, tx.now, tx.db.opt.Scoring.Points(Deed{Kind: DeedPraised})); err != nil {
		return p, err
	}
	who := p.Unit
	if p.Member != 0 {
		who = memberRef(p.Member)
	}
	return p, tx.audit(actor.UserID, AuditPraise, who, p.Reason)
}

// Praises calls fn for every praise, oldest first.
func (tx *Tx) Praises(fn func(Praise) bool) error {
	c := tx.tx.Bucket(bucketPraise).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var p Praise
		if err := decode(bucketPraise, k, v, &p); err != nil {
			return err
		}
		if !fn(p) {
			return nil
		}
	}
	return nil
}
