package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A member's position (chức vụ), as the Sở writes it: "Chuyên viên",
// "Phó Chánh Văn phòng", "Kế toán viên".

// The reasons a position is refused.
const (
	ReasonPositionEmpty Reason = "position_empty"
	ReasonPositionForm  Reason = "position_form" // the limit
)

// maxPositionLen bounds a position: "Phó Giám đốc Trung tâm Công nghệ
// thông tin và Truyền thông" is 58.
const maxPositionLen = 80

// CheckPosition tidies a position (one line, its first letter upper
// case) and checks it is one: letters, spaces and the marks positions
// carry (– - , . ( )), up to maxPositionLen.
func CheckPosition(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", Errorf(EInvalid, ReasonPositionEmpty)
	}
	if utf8.RuneCountInString(s) > maxPositionLen {
		return "", Errorf(EInvalid, ReasonPositionForm, maxPositionLen)
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !strings.ContainsRune(" –-,.()/", r) {
			return "", Errorf(EInvalid, ReasonPositionForm, maxPositionLen)
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:], nil
}

// RequestJoinAs is RequestJoin with the position the person gives ("":
// none given; the head may set it).
func (tx *Tx) RequestJoinAs(userID int64, unit, fullName, position string) (Member, error) {
	if position != "" {
		var err error
		if position, err = CheckPosition(position); err != nil {
			return Member{}, err
		}
	}
	m, err := tx.RequestJoin(userID, unit, fullName)
	if err != nil || position == "" {
		return m, err
	}
	m.Position = position
	return m, tx.putMember(m)
}

// SetPosition corrects a member's position: the heads of their unit and
// the admins may.
func (tx *Tx) SetPosition(actor Member, userID int64, position string) (Member, error) {
	m, err := tx.ExistingMember(userID)
	if err != nil {
		return m, err
	}
	if m.Unit == "" || !actor.CanManage(m.Unit) {
		return m, Errorf(EForbidden, ReasonNotAllowed)
	}
	if position, err = CheckPosition(position); err != nil {
		return m, err
	}
	old := m.Position
	m.Position, m.UpdatedAt = position, tx.now
	if err := tx.putMember(m); err != nil {
		return m, err
	}
	return m, tx.audit(actor.UserID, AuditMemberPosition, memberRef(userID), old+" → "+position)
}
