package storage

// A guest's request to join a unit, and its decision (SPEC §3, /start with
// an invite code). Who may ask and who may decide are in rules.go.

// RequestJoin records that a user asks to join unit under fullName.
func (tx *Tx) RequestJoin(userID int64, unit, fullName string) (Member, error) {
	m, _, err := tx.Member(userID)
	if err != nil {
		return m, err
	}
	if err := m.MayRequestJoin(); err != nil {
		return m, err
	}
	u, err := tx.ExistingUnit(unit)
	if err != nil {
		return m, err
	}
	unit = u.Code
	name, err := ValidateFullName(fullName)
	if err != nil {
		return m, err
	}
	if m.Status != StatusActive {
		m.Status = StatusPending
	}
	m.FullName, m.Unit, m.Role, m.RequestedAt = name, unit, RoleStaff, tx.now
	return m, tx.putMember(m)
}

// DecideJoin approves or declines a pending request to join. Only an admin
// or a head of the unit asked for may decide, and only once.
func (tx *Tx) DecideJoin(actor Member, userID int64, approve bool) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if err := actor.MayDecideJoin(m); err != nil {
		return m, err
	}
	unit := m.Unit // the unit asked for, named in the audit either way
	if approve {
		m.Status, m.JoinedAt = StatusActive, tx.now
	} else {
		m.Status, m.Unit, m.Role = StatusGuest, "", ""
	}
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, map[bool]AuditAction{true: AuditJoinApprove, false: AuditJoinDecline}[approve], memberRef(userID), unit)
}

// GiveConsent records that a newcomer consented to the processing of their
// personal data (Law 91/2025/QH15), told what is stored and why before
// they are asked anything; their Telegram names are kept from then on.
func (tx *Tx) GiveConsent(userID int64, tgName, username string) (Member, error) {
	m, _, err := tx.Member(userID)
	if err != nil {
		return m, err
	}
	m.ConsentAt, m.Started = tx.now, true
	m.TGName, m.Username = tgName, username
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(userID, AuditMemberConsent, memberRef(userID), "")
}

// RefuseConsent ends a newcomer's request before it began: without their
// consent there is no membership and nothing identifying them is kept.
// Their form goes, and so does the record the bot made when they wrote
// (Touch), unless the movement keeps one of them anyway (ErasedOnRefusal).
// Nothing is audited: an entry would be a record of them.
func (tx *Tx) RefuseConsent(userID int64) error {
	if err := tx.Forms().Clear(userID); err != nil {
		return err
	}
	m, ok, err := tx.Member(userID)
	if err != nil || !ok || !m.ErasedOnRefusal() {
		return err
	}
	return tx.forget(m)
}
