package storage

// NeedsName reports whether a member must give their full name before
// anything else: the configured heads, directors and admins start with
// only their Telegram name, which is not a name for an official record.
func (m Member) NeedsName() bool { return m.Active() && m.FullName == "" && !m.Anonymised }

// SetFullName records the full name a member gave, checked and capitalised
// as a joining person's is.
func (tx *Tx) SetFullName(userID int64, name string) (Member, error) {
	m, ok, err := tx.Member(userID)
	if err != nil {
		return m, err
	}
	if !ok {
		return m, Errorf(ENotFound, ReasonMemberNotFound)
	}
	if m.FullName, err = ValidateFullName(name); err != nil {
		return m, err
	}
	m.UpdatedAt = tx.now
	return m, tx.PutMember(m)
}
