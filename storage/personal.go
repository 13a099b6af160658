package storage

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"time"
)

// A person's personal data (Law 91/2025/QH15 on personal data protection,
// in force since 01/01/2026): everything stored about them, gathered for
// /mydata; their requests to correct their name and to erase their data;
// the erasure itself. Consent is asked at the join step (join.go).

// WastesBy returns the waste reports a member made, oldest first.
func (tx *Tx) WastesBy(userID int64) ([]Waste, error) {
	var out []Waste
	c := tx.tx.Bucket(bucketWaste).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var w Waste
		if err := decode(bucketWaste, k, v, &w); err != nil {
			return nil, err
		}
		if w.Reporter == userID {
			out = append(out, w)
		}
	}
	return out, nil
}

// PraisesOf returns the praises of a member, oldest first.
func (tx *Tx) PraisesOf(userID int64) ([]Praise, error) {
	var out []Praise
	err := tx.Praises(func(p Praise) bool {
		if p.Member == userID {
			out = append(out, p)
		}
		return true
	})
	return out, err
}

// MemberPoints returns a member's points by period (M2026-11, Q2026-4,
// Y2026), for every period they earned any.
func (tx *Tx) MemberPoints(userID int64) map[string]int64 {
	out := map[string]int64{}
	id := u64(uint64(userID))
	c := tx.tx.Bucket(bucketPoints).Cursor()
	for k, v := c.Seek([]byte{'m'}); k != nil && k[0] == 'm'; k, v = c.Next() {
		period, who, ok := bytes.Cut(k[1:], []byte{0})
		if ok && bytes.Equal(who, id) {
			out[string(period)] = int64(binary.BigEndian.Uint64(v))
		}
	}
	return out
}

// AuditAbout returns the audit entries a member made or that are about
// them, oldest first.
func (tx *Tx) AuditAbout(userID int64) ([]AuditEntry, error) {
	var out []AuditEntry
	ref := memberRef(userID)
	c := tx.tx.Bucket(bucketAudit).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var e AuditEntry
		if err := decode(bucketAudit, k, v, &e); err != nil {
			return nil, err
		}
		if e.Actor == userID || e.Object == ref || e.Detail == strconv.FormatInt(userID, 10) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Anonymise erases what identifies a member who left, or who asked for it
// (AskErasure): their names, Telegram handle and any name they asked for
// go, the membership ends, their form is dropped. Their ideas stay,
// credited to the unit. Only admins may.
func (tx *Tx) Anonymise(actor Member, userID int64) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if !actor.IsAdmin() {
		return m, Errorf(EForbidden, ReasonNotAllowed)
	}
	if userID == actor.UserID || m.IsAdmin() || m.IsDirector() {
		return m, Errorf(EInvalid, ReasonAnonymiseProtected)
	}
	if m.Anonymised {
		return m, Errorf(EConflict, ReasonAlreadyAnonymised)
	}
	m.FullName, m.TGName, m.Username, m.Lang, m.NameRequest, m.Position = "", "", "", "", "", ""
	m.Status, m.Role, m.Anonymised = StatusInactive, RoleStaff, true
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	if err := tx.Forms().Clear(userID); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, AuditMemberAnon, memberRef(userID), m.Unit)
}

// forget deletes a person's record and its index entries: for one who
// refused consent before the movement kept anything of theirs.
func (tx *Tx) forget(m Member) error {
	if m.Unit != "" {
		if err := tx.tx.Bucket(bucketMembersUnit).Delete(unitMemberKey(m.Unit, m.UserID)); err != nil {
			return err
		}
	}
	for _, r := range m.roleKeys() {
		if err := tx.tx.Bucket(bucketRoles).Delete(unitMemberKey(r, m.UserID)); err != nil {
			return err
		}
	}
	if err := tx.clearUnreachable(m.UserID); err != nil {
		return err
	}
	return tx.tx.Bucket(bucketMembers).Delete(u64(uint64(m.UserID)))
}

// AskNameCorrection records that a member asks the admins to correct their
// full name to name (checked as a joining person's is); the admins decide
// (DecideNameCorrection). The name waits on the record, not in the audit
// log, so an erasure takes it too.
func (tx *Tx) AskNameCorrection(userID int64, name string) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if err := m.MayAskNameCorrection(); err != nil {
		return m, err
	}
	if m.NameRequest, err = ValidateFullName(name); err != nil {
		return m, err
	}
	m.NameRequestAt = tx.now
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(userID, AuditMemberAskName, memberRef(userID), "")
}

// AskErasure records that a member asks for their personal data to be
// erased. An admin does it, confirmed on the member's card (Anonymise).
func (tx *Tx) AskErasure(userID int64) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if err := m.MayAskErasure(); err != nil {
		return m, err
	}
	m.ErasureAskedAt = tx.now
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(userID, AuditMemberAskErase, memberRef(userID), "")
}

// DecideNameCorrection corrects a member's full name to the one they asked
// for, or turns the request down; either way it no longer waits.
func (tx *Tx) DecideNameCorrection(actor Member, userID int64, correct bool) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if err := actor.MayDecideNameCorrection(m); err != nil {
		return m, err
	}
	action := AuditMemberKeepName
	if correct {
		m.FullName, action = m.NameRequest, AuditMemberRename
	}
	m.NameRequest, m.NameRequestAt = "", time.Time{}
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, action, memberRef(userID), "")
}
