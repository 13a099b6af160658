package storage

import (
	"crypto/rand"
	"time"
)

// InviteTTL is how long an invite link can be used.
const InviteTTL = 30 * 24 * time.Hour

// Invite lets whoever opens its link ask to join a unit.
type Invite struct {
	Code      string    `json:"code"`
	Unit      string    `json:"unit"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// inviteAlphabet has no letters that read alike (0/O, 1/l/I).
const inviteAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// CreateInvite makes a fresh invite to unit. Heads may invite to their own
// unit, admins to any.
func (tx *Tx) CreateInvite(actor Member, unit string) (Invite, error) {
	u, err := tx.ExistingUnit(unit)
	if err != nil {
		return Invite{}, err
	}
	if !actor.CanManage(u.Code) {
		return Invite{}, Errorf(EForbidden, ReasonNotAllowed)
	}
	buf := make([]byte, 10)
	if _, err := rand.Read(buf); err != nil {
		return Invite{}, err
	}
	for i, b := range buf {
		buf[i] = inviteAlphabet[int(b)%len(inviteAlphabet)]
	}
	inv := Invite{Code: string(buf), Unit: u.Code, CreatedBy: actor.UserID, CreatedAt: tx.now, ExpiresAt: tx.now.Add(InviteTTL)}
	if err := putJSON(tx.tx.Bucket(bucketInvites), []byte(inv.Code), inv); err != nil {
		return Invite{}, err
	}
	return inv, tx.audit(actor.UserID, AuditInviteCreate, "unit:"+u.Code, "")
}

// UseInvite returns the invite with code, or an error saying it is unknown
// or expired.
func (tx *Tx) UseInvite(code string) (Invite, error) {
	inv, err := getRecord[Invite](tx, bucketInvites, []byte(code), func() error {
		return Errorf(EInvalid, ReasonInviteUnknown)
	})
	if err != nil {
		return inv, err
	}
	if !tx.now.Before(inv.ExpiresAt) {
		return inv, Errorf(EInvalid, ReasonInviteExpired)
	}
	return inv, nil
}
