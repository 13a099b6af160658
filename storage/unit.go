package storage

import (
	"strconv"
	"strings"
)

// Unit is one of the department's units (phòng, trung tâm…), kept in step
// with the configuration.
type Unit struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Target int64  `json:"target,omitempty"` // yearly savings target, VND
}

// Org is what the configuration says about the organisation: its units
// with their heads, and the ids of its directors and admins.
type Org struct {
	Units     []OrgUnit
	Directors []int64
	Admins    []int64
}

// OrgUnit is a unit as the configuration lists it.
type OrgUnit struct {
	Code   string
	Name   string
	Heads  []int64
	Target int64
}

// SyncOrg makes the stored units, heads, directors and admins match the
// configuration. Units are never deleted (their history stays); people
// who lost a configured role lose it here too.
func (db *DB) SyncOrg(org Org) error {
	return db.Update(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketUnits)
		heads := map[int64]string{}
		for _, u := range org.Units {
			if err := putJSON(b, []byte(u.Code), Unit{Code: u.Code, Name: u.Name, Target: u.Target}); err != nil {
				return err
			}
			for _, id := range u.Heads {
				heads[id] = u.Code
			}
		}
		directors, admins := idSet(org.Directors), idSet(org.Admins)
		// Take away configured roles no longer listed.
		var changed []Member
		err := tx.Members(func(m Member) bool {
			if (m.Director && !directors[m.UserID]) || (m.Admin && !admins[m.UserID]) {
				m.Director, m.Admin = directors[m.UserID], admins[m.UserID]
				changed = append(changed, m)
			}
			return true
		})
		if err != nil {
			return err
		}
		for _, m := range changed {
			if err := tx.putMember(m); err != nil {
				return err
			}
		}
		ensure := func(id int64, edit func(*Member)) error {
			m, _, err := tx.Member(id)
			if err != nil {
				return err
			}
			before := m
			edit(&m)
			if m == before {
				return nil
			}
			return tx.putMember(m)
		}
		for id, unit := range heads {
			err := ensure(id, func(m *Member) {
				m.Unit, m.Role, m.Status = unit, RoleHead, StatusActive
				if m.JoinedAt.IsZero() {
					m.JoinedAt = tx.now
				}
			})
			if err != nil {
				return err
			}
		}
		for id := range directors {
			if err := ensure(id, func(m *Member) { m.Director, m.Status = true, StatusActive }); err != nil {
				return err
			}
		}
		for id := range admins {
			if err := ensure(id, func(m *Member) { m.Admin, m.Status = true, StatusActive }); err != nil {
				return err
			}
		}
		return nil
	})
}

// Unit returns a unit by its code.
func (tx *Tx) Unit(code string) (Unit, bool, error) {
	var u Unit
	ok, err := tx.getJSON(bucketUnits, []byte(code), &u)
	return u, ok, err
}

// ExistingUnit returns a unit by its code, matched without regard to case, or
// an EInvalid error that names the code.
func (tx *Tx) ExistingUnit(code string) (Unit, error) {
	u, ok, err := tx.Unit(strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return u, err
	}
	if !ok {
		return u, Errorf(EInvalid, ReasonUnitUnknown, code)
	}
	return u, nil
}

// Units returns every unit in code order.
func (tx *Tx) Units() ([]Unit, error) {
	var units []Unit
	err := tx.tx.Bucket(bucketUnits).ForEach(func(k, v []byte) error {
		var u Unit
		if err := decode(bucketUnits, k, v, &u); err != nil {
			return err
		}
		units = append(units, u)
		return nil
	})
	return units, err
}

func idSet(ids []int64) map[int64]bool {
	s := make(map[int64]bool, len(ids))
	for _, id := range ids {
		s[id] = true
	}
	return s
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
