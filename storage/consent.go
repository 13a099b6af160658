package storage

import "time"

// WithdrawConsent records that a member withdraws their consent to the
// processing of their personal data (Law 91/2025/QH15): from now on the
// bot processes nothing more of theirs. Their account is locked at once,
// so they are sent nothing more, and the erasure of their personal data
// is asked of the admins (done by Anonymise, as any erasure); what was
// processed before stays lawful, and their ideas stay with their unit.
// Configured directors and admins cannot: their office is the
// configuration's.
func (tx *Tx) WithdrawConsent(userID int64) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if err := m.MayAskErasure(); err != nil {
		return m, err
	}
	if m.ConsentAt.IsZero() && m.Status == StatusInactive {
		return m, Errorf(EConflict, ReasonMemberInactive)
	}
	m.ConsentAt = time.Time{}
	m.Status = StatusInactive
	if m.ErasureAskedAt.IsZero() {
		m.ErasureAskedAt = tx.now
	}
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(userID, AuditMemberWithdraw, memberRef(userID), m.Unit)
}
