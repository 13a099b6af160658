package storage

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// What is stored about one person, gathered for /mydata (Law 91/2025/QH15
// on personal data protection: a person may see everything kept about them).

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
