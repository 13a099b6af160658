package storage

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Single deadlines added in chat by an admin: added, corrected or deleted
// while no report was filed for them. Each has one period, made at once,
// so heads can report as soon as they are told of it.

// CheckDeadlineName tidies a deadline's name (one line) and checks its
// bounds.
func CheckDeadlineName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || utf8.RuneCountInString(name) > MaxTitleLen {
		return name, Errorf(EInvalid, ReasonDeadlineNameLength, MaxTitleLen)
	}
	return name, nil
}

// CheckDeadline tidies a single deadline's name and checks it and its due
// time, which must be after now.
func CheckDeadline(name string, due, now time.Time) (string, error) {
	name, err := CheckDeadlineName(name)
	if err != nil {
		return name, err
	}
	if !due.After(now) {
		return name, Errorf(EInvalid, ReasonDeadlinePast)
	}
	return name, nil
}

// AddDeadline adds a single deadline from chat, and opens its period;
// only admins may, and only in the future.
func (tx *Tx) AddDeadline(actor Member, name string, due time.Time) (Deadline, Period, error) {
	if !actor.IsAdmin() {
		return Deadline{}, Period{}, Errorf(EForbidden, ReasonNotAllowed)
	}
	name, err := CheckDeadline(name, due, tx.now)
	if err != nil {
		return Deadline{}, Period{}, err
	}
	seq, err := tx.tx.Bucket(bucketDeadlines).NextSequence()
	if err != nil {
		return Deadline{}, Period{}, err
	}
	d := Deadline{ID: "a" + strconv.FormatUint(seq, 10), Name: name, DueAt: due, FromChat: true, CreatedBy: actor.UserID, Added: tx.now}
	p, err := tx.openSingle(&d)
	if err != nil {
		return d, p, err
	}
	return d, p, tx.audit(actor.UserID, AuditDeadlineAdd, d.ID, name)
}

// openSingle stores single deadline d with its period, made now.
func (tx *Tx) openSingle(d *Deadline) (Period, error) {
	d.Cursor = d.DueAt
	if err := tx.putDeadline(*d); err != nil {
		return Period{}, err
	}
	return tx.ensurePeriod(*d, Occurrence{Opens: d.Added, Due: d.DueAt})
}

// Deadline returns a deadline by id.
func (tx *Tx) Deadline(id string) (Deadline, error) {
	return getRecord[Deadline](tx, bucketDeadlines, []byte(id), func() error {
		return Errorf(ENotFound, ReasonDeadlineNotFound)
	})
}

// singlePeriod returns the period of single deadline d (ENotFound when
// it was not made), and whether any report was filed for it.
func (tx *Tx) singlePeriod(d Deadline) (Period, bool, error) {
	p, err := tx.Period(PeriodKey(d.ID, d.DueAt))
	if err != nil {
		return p, false, err
	}
	prefix := reportKey(p.Key, "")
	k, _ := tx.tx.Bucket(bucketReports).Cursor().Seek(prefix)
	return p, k != nil && bytes.HasPrefix(k, prefix), nil
}

// mayChange reads single deadline id and its period, and says why actor
// may not change them (MayChangeDeadline).
func (tx *Tx) mayChange(actor Member, id string) (Deadline, Period, error) {
	if !actor.IsAdmin() {
		return Deadline{}, Period{}, Errorf(EForbidden, ReasonNotAllowed) // before the lookup: a non-admin learns nothing
	}
	d, err := tx.Deadline(id)
	if err != nil {
		return d, Period{}, err
	}
	p, reported, err := tx.singlePeriod(d)
	if err != nil && ErrorCode(err) != ENotFound {
		return d, p, err
	}
	return d, p, actor.MayChangeDeadline(d, reported)
}

// MayChangeDeadline reads single deadline id and says why actor may not
// correct or delete it now (as CorrectDeadline and DeleteDeadline would).
func (tx *Tx) MayChangeDeadline(actor Member, id string) (Deadline, error) {
	d, _, err := tx.mayChange(actor, id)
	return d, err
}

// CorrectDeadline gives a single deadline added in chat a new name and
// due time, before any report was filed for it. Its period is made again
// under a new due time (its reminders start over), still open since the
// deadline was added; a new name alone renames it.
func (tx *Tx) CorrectDeadline(actor Member, id, name string, due time.Time) (old, d Deadline, p Period, err error) {
	old, p, err = tx.mayChange(actor, id)
	if err != nil {
		return old, old, p, err
	}
	if p.Closed {
		return old, old, p, Errorf(EConflict, ReasonPeriodClosed, p.Name)
	}
	d = old
	if d.Name, err = CheckDeadline(name, due, tx.now); err != nil {
		return old, old, p, err
	}
	d.DueAt = due
	if due.Equal(old.DueAt) && p.Key != "" {
		// Only its name changed: the same period, its reminders kept.
		p.Name = d.Name
		if err := putJSON(tx.tx.Bucket(bucketPeriods), []byte(p.Key), p); err != nil {
			return old, d, p, err
		}
		if err := tx.putDeadline(d); err != nil {
			return old, d, p, err
		}
	} else {
		if err := tx.dropPeriod(PeriodKey(old.ID, old.DueAt)); err != nil {
			return old, d, p, err
		}
		if p, err = tx.openSingle(&d); err != nil {
			return old, d, p, err
		}
	}
	return old, d, p, tx.audit(actor.UserID, AuditDeadlineFix, d.ID, d.Name)
}

// DeleteDeadline deletes a single deadline added in chat, and its period,
// before any report was filed for it.
func (tx *Tx) DeleteDeadline(actor Member, id string) (Deadline, error) {
	d, _, err := tx.mayChange(actor, id)
	if err != nil {
		return d, err
	}
	if err := tx.dropPeriod(PeriodKey(d.ID, d.DueAt)); err != nil {
		return d, err
	}
	if err := tx.tx.Bucket(bucketDeadlines).Delete([]byte(d.ID)); err != nil {
		return d, err
	}
	return d, tx.audit(actor.UserID, AuditDeadlineDelete, d.ID, d.Name)
}

// dropPeriod deletes a period no report was filed for, and what was
// recorded of its reminders.
func (tx *Tx) dropPeriod(key string) error {
	if err := tx.tx.Bucket(bucketPeriods).Delete([]byte(key)); err != nil {
		return err
	}
	prefix := []byte(key + "|")
	c := tx.tx.Bucket(bucketReminders).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
