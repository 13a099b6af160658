package storage

import (
	"bytes"
	"strconv"
	"time"
)

// Đăng ký thi đua (Law 06/2022/QH15): at the start of the year each unit,
// by its head, registers the collective title it aims for and its
// commitments, and each member the title they aim for and the initiatives
// they commit to. /commend holds its proposals against the register.

// The titles one may register for.
const (
	TitleUnitAdvanced  = "tt_ldtt" // Tập thể lao động tiên tiến
	TitleUnitExcellent = "tt_ldxs" // Tập thể lao động xuất sắc
	TitleAdvanced      = "ldtt"    // Lao động tiên tiến
	TitleFighter       = "cstdcs"  // Chiến sĩ thi đua cơ sở
)

// UnitTitles and MemberTitles are the titles a unit and a member may aim for.
var (
	UnitTitles   = []string{TitleUnitAdvanced, TitleUnitExcellent}
	MemberTitles = []string{TitleAdvanced, TitleFighter}
)

// Registration is one unit's or member's registration for a year.
type Registration struct {
	Year        int       `json:"year"`
	Subject     Subject   `json:"subject"`
	Title       string    `json:"title"`
	Commitments string    `json:"commitments,omitempty"` // a unit's
	Initiatives int       `json:"initiatives,omitempty"` // a member's, committed to
	At          time.Time `json:"at"`
	By          int64     `json:"by"`
}

// The reasons a registration is refused.
const (
	ReasonTitleUnknown     Reason = "title_unknown"     // the title given
	ReasonRegisterOther    Reason = "register_other"    // the unit named
	ReasonInitiativesRange Reason = "initiatives_range" // the most
)

// maxCommitted bounds the initiatives one commits to.
const maxCommitted = 20

func registerKey(year int, s Subject) []byte {
	return []byte(strconv.Itoa(year) + "|" + s.String())
}

// Register records (or corrects) a registration for year. A unit's is its
// head's to make, only for their own unit; a member's is their own. The
// window is the caller's to check (the configuration holds it).
func (tx *Tx) Register(actor Member, r Registration) (Registration, error) {
	if !actor.IsStaff() {
		return r, Errorf(EForbidden, ReasonNotAllowed)
	}
	titles := MemberTitles
	switch {
	case r.Subject.Unit != "":
		if !actor.IsHead("") {
			return r, Errorf(EForbidden, ReasonNotAllowed)
		}
		if r.Subject.Unit != actor.Unit {
			return r, Errorf(EForbidden, ReasonRegisterOther, r.Subject.Unit)
		}
		titles = UnitTitles
		var err error
		if r.Commitments, err = CheckReason(r.Commitments); err != nil {
			return r, err
		}
		r.Initiatives = 0
	default:
		if r.Subject.Member != actor.UserID {
			return r, Errorf(EForbidden, ReasonNotAllowed)
		}
		if r.Initiatives < 0 || r.Initiatives > maxCommitted {
			return r, Errorf(EInvalid, ReasonInitiativesRange, maxCommitted)
		}
		r.Commitments = ""
	}
	known := false
	for _, t := range titles {
		known = known || t == r.Title
	}
	if !known {
		return r, Errorf(EInvalid, ReasonTitleUnknown, r.Title)
	}
	r.At, r.By = tx.now, actor.UserID
	if err := putJSON(tx.tx.Bucket(bucketRegister), registerKey(r.Year, r.Subject), r); err != nil {
		return r, err
	}
	return r, tx.audit(actor.UserID, AuditRegister, r.Subject.ref(), strconv.Itoa(r.Year)+": "+r.Title)
}

// Registrations returns every registration for year, by subject.
func (tx *Tx) Registrations(year int) (map[Subject]Registration, error) {
	out := map[Subject]Registration{}
	prefix := []byte(strconv.Itoa(year) + "|")
	c := tx.tx.Bucket(bucketRegister).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r Registration
		if err := decode(bucketRegister, k, v, &r); err != nil {
			return nil, err
		}
		out[r.Subject] = r
	}
	return out, nil
}

// RegistrationsOf returns a member's own registrations, every year's,
// oldest first (for /mydata).
func (tx *Tx) RegistrationsOf(member int64) ([]Registration, error) {
	var out []Registration
	want := Subject{Member: member}
	err := tx.tx.Bucket(bucketRegister).ForEach(func(k, v []byte) error {
		var r Registration
		if err := decode(bucketRegister, k, v, &r); err != nil {
			return err
		}
		if r.Subject == want {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}
