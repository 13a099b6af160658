package storage

import (
	"bytes"
	"encoding/binary"
	"time"
)

// Role is a member's place in their unit.
type Role string

// The roles a member holds in a unit. Directors and admins are flags, since
// they come from the configuration, not from a unit.
const (
	RoleStaff Role = "staff"
	RoleHead  Role = "head"
)

// Status is where a person stands with the organisation.
type Status string

// A person is a guest until they ask to join (pending), then active once
// approved, and inactive when deactivated.
const (
	StatusGuest    Status = ""
	StatusPending  Status = "pending"
	StatusActive   Status = "active"
	StatusInactive Status = "inactive"
)

// MaxNameLen bounds a member's full name.
const MaxNameLen = 100

// Member is everything stored about one Telegram user: guests too, so that
// their language and their first contact are remembered.
type Member struct {
	UserID   int64  `json:"user_id"`
	FullName string `json:"full_name,omitempty"`
	TGName   string `json:"tg_name,omitempty"`
	Username string `json:"username,omitempty"`
	Lang     string `json:"lang,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Role     Role   `json:"role,omitempty"`
	Status   Status `json:"status,omitempty"`
	Director bool   `json:"director,omitempty"`
	Admin    bool   `json:"admin,omitempty"`
	// Started is set once the user has written to the bot: before that
	// Telegram refuses every message the bot sends them.
	Started     bool      `json:"started,omitempty"`
	Anonymised  bool      `json:"anonymised,omitempty"`
	RequestedAt time.Time `json:"requested_at,omitzero"`
	JoinedAt    time.Time `json:"joined_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`

	// The person's say over their personal data (Law 91/2025/QH15, see
	// personal.go): when they consented to its processing, and what they
	// asked of the admins since.
	ConsentAt      time.Time `json:"consent_at,omitzero"`
	NameRequest    string    `json:"name_request,omitempty"` // the full name they asked to be corrected to
	NameRequestAt  time.Time `json:"name_request_at,omitzero"`
	ErasureAskedAt time.Time `json:"erasure_asked_at,omitzero"`

	// Position is the member's position (chức vụ): Chuyên viên, Phó
	// Chánh Văn phòng… Given at joining, corrected by the unit's head;
	// used on cards, in group posts and on the proposal sheets.
	Position string `json:"position,omitempty"`
}

// Active reports whether the member may use member commands.
func (m Member) Active() bool { return m.Status == StatusActive }

// IsHead reports whether the member heads unit (any unit when unit is "").
func (m Member) IsHead(unit string) bool {
	return m.Active() && m.Role == RoleHead && (unit == "" || m.Unit == unit)
}

// IsDirector reports whether the member is one of the department's leaders.
func (m Member) IsDirector() bool { return m.Director && m.Status == StatusActive }

// IsAdmin reports whether the member runs the movement's office.
func (m Member) IsAdmin() bool { return m.Admin && m.Status == StatusActive }

// IsStaff reports whether the member belongs to a unit and may submit ideas.
func (m Member) IsStaff() bool { return m.Active() && m.Unit != "" }

// Member returns the stored record of a user, and whether there is one.
func (tx *Tx) Member(userID int64) (Member, bool, error) {
	var m Member
	ok, err := tx.getJSON(bucketMembers, u64(uint64(userID)), &m)
	if !ok {
		m = Member{UserID: userID}
	}
	return m, ok, err
}

// ExistingMember returns the stored record of a user or ENotFound.
func (tx *Tx) ExistingMember(userID int64) (Member, error) {
	m, ok, err := tx.Member(userID)
	if err != nil {
		return m, err
	}
	if !ok {
		return m, Errorf(ENotFound, ReasonMemberNotFound)
	}
	return m, nil
}

// putMember stores a member record and keeps the by-unit index in step.
func (tx *Tx) putMember(m Member) error {
	old, ok, err := tx.Member(m.UserID)
	if err != nil {
		return err
	}
	idx := tx.tx.Bucket(bucketMembersUnit)
	if ok && old.Unit != "" && old.Unit != m.Unit {
		if err := idx.Delete(unitMemberKey(old.Unit, m.UserID)); err != nil {
			return err
		}
	}
	if m.Unit != "" && (!ok || old.Unit != m.Unit) {
		if err := idx.Put(unitMemberKey(m.Unit, m.UserID), nil); err != nil {
			return err
		}
	}
	roles, keep := tx.tx.Bucket(bucketRoles), map[string]bool{}
	for _, r := range m.roleKeys() {
		keep[r] = true
		if err := roles.Put(unitMemberKey(r, m.UserID), nil); err != nil {
			return err
		}
	}
	if ok {
		for _, r := range old.roleKeys() {
			if !keep[r] {
				if err := roles.Delete(unitMemberKey(r, m.UserID)); err != nil {
					return err
				}
			}
		}
	}
	m.UpdatedAt = tx.now
	return putJSON(tx.tx.Bucket(bucketMembers), u64(uint64(m.UserID)), m)
}

// Role index keys: a unit's code for its heads, and two names no unit
// code can take (codes are capitals and digits) for admins and directors.
const (
	roleAdmin    = "#admin"
	roleDirector = "#director"
)

// roleKeys are the role index entries m belongs under.
func (m Member) roleKeys() []string {
	var keys []string
	if m.IsHead(m.Unit) {
		keys = append(keys, m.Unit)
	}
	if m.IsAdmin() {
		keys = append(keys, roleAdmin)
	}
	if m.IsDirector() {
		keys = append(keys, roleDirector)
	}
	return keys
}

// withRole returns the members under a role index key, still holding it.
func (tx *Tx) withRole(role string, holds func(Member) bool) ([]Member, error) {
	var out []Member
	prefix := append([]byte(role), 0)
	c := tx.tx.Bucket(bucketRoles).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		m, _, err := tx.Member(int64(binary.BigEndian.Uint64(k[len(prefix):])))
		if err != nil {
			return nil, err
		}
		if holds(m) {
			out = append(out, m)
		}
	}
	return out, nil
}

func unitMemberKey(unit string, userID int64) []byte {
	return append(append([]byte(unit), 0), u64(uint64(userID))...)
}

// UnitMembers calls fn for every person recorded in unit (pending and
// inactive ones too), until fn returns false.
func (tx *Tx) UnitMembers(unit string, fn func(Member) bool) error {
	prefix := append([]byte(unit), 0)
	c := tx.tx.Bucket(bucketMembersUnit).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		m, ok, err := tx.Member(int64(binary.BigEndian.Uint64(k[len(prefix):])))
		if err != nil {
			return err
		}
		if ok && m.Unit == unit && !fn(m) {
			return nil
		}
	}
	return nil
}

// Touch records that a user wrote to the bot, with the names Telegram gives
// once they may be kept (MayKeepNames: not a guest's who has not
// consented), and returns their record. Nothing is written when nothing
// changed.
func (tx *Tx) Touch(userID int64, tgName, username, langHint string) (Member, error) {
	m, ok, err := tx.Member(userID)
	if err != nil {
		return m, err
	}
	if err := tx.clearUnreachable(userID); err != nil {
		return m, err
	}
	changed := !ok || !m.Started
	m.Started = true
	if m.MayKeepNames() {
		changed = changed || m.TGName != tgName || m.Username != username
		m.TGName, m.Username = tgName, username
	}
	if m.Lang == "" && langHint != "" {
		m.Lang, changed = langHint, true
	}
	if !changed {
		return m, nil
	}
	return m, tx.putMember(m)
}

// Members calls fn for every stored person, in user id order, until fn
// returns false.
func (tx *Tx) Members(fn func(Member) bool) error {
	c := tx.tx.Bucket(bucketMembers).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var m Member
		if err := decode(bucketMembers, k, v, &m); err != nil {
			return err
		}
		if !fn(m) {
			return nil
		}
	}
	return nil
}

// Admins returns the ids of the active admins.
func (tx *Tx) Admins() ([]int64, error) {
	admins, err := tx.withRole(roleAdmin, Member.IsAdmin)
	ids := make([]int64, len(admins))
	for i, a := range admins {
		ids[i] = a.UserID
	}
	return ids, err
}

// Directors returns the active directors.
func (tx *Tx) Directors() ([]Member, error) { return tx.withRole(roleDirector, Member.IsDirector) }

// SetRole makes a member of a unit its head or plain staff.
func (tx *Tx) SetRole(actor Member, userID int64, role Role) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if !actor.CanManage(m.Unit) || m.Unit == "" {
		return m, Errorf(EForbidden, ReasonNotAllowed)
	}
	if role != RoleHead && role != RoleStaff {
		return m, Errorf(EInvalid, ReasonRoleUnknown)
	}
	if !m.Active() {
		return m, Errorf(EConflict, ReasonMemberInactive)
	}
	if m.Role == role {
		return m, nil
	}
	m.Role = role
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, AuditMemberRole, memberRef(userID), string(role))
}

// Deactivate ends a membership; the member's ideas stay.
func (tx *Tx) Deactivate(actor Member, userID int64) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if !actor.CanManage(m.Unit) || m.Unit == "" {
		return m, Errorf(EForbidden, ReasonNotAllowed)
	}
	if userID == actor.UserID {
		return m, Errorf(EInvalid, ReasonDeactivateSelf)
	}
	if m.Status == StatusInactive {
		return m, Errorf(EConflict, ReasonMemberInactive)
	}
	m.Status = StatusInactive
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, AuditMemberDeact, memberRef(userID), m.Unit)
}

// MoveMember moves a member to another unit; only admins may.
func (tx *Tx) MoveMember(actor Member, userID int64, unit string) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if !actor.IsAdmin() {
		return m, Errorf(EForbidden, ReasonNotAllowed)
	}
	u, err := tx.ExistingUnit(unit)
	if err != nil {
		return m, err
	}
	if !m.Active() {
		return m, Errorf(EConflict, ReasonMemberInactive)
	}
	m.Unit, m.Role = u.Code, RoleStaff
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, AuditMemberMove, memberRef(userID), u.Code)
}

// UnitHeads returns the active heads of a unit.
func (tx *Tx) UnitHeads(unit string) ([]Member, error) {
	return tx.withRole(unit, func(m Member) bool { return m.IsHead(unit) })
}

// SetLang stores a user's interface language.
func (tx *Tx) SetLang(userID int64, lang string) error {
	m, _, err := tx.Member(userID)
	if err != nil {
		return err
	}
	m.Lang = lang
	return tx.putMember(m)
}

func memberRef(id int64) string { return "member:" + itoa(id) }
