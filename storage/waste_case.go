package storage

import "time"

// A waste report handled to the end, in public (the Sở's plan: "công khai
// việc xử lý vi phạm"): an admin assigns it to the unit responsible (or
// the Thanh tra Sở) with a handling deadline; that unit's head records
// what was found, what was done and any money recovered; the reporter is
// told, never named; the register of handled cases goes to the group.

// The reasons a waste case is refused.
const (
	ReasonHandleByPast   Reason = "handle_by_past"   // the day given
	ReasonWasteOtherUnit Reason = "waste_other_unit" // the report's ref
)

// AssignWaste gives an open report to unit, to be handled by due (after
// now). Only an admin assigns; the report is then being checked.
func (tx *Tx) AssignWaste(actor Member, id uint64, unit string, due time.Time) (Waste, error) {
	w, err := tx.Waste(id)
	if err != nil {
		return w, err
	}
	if !actor.IsAdmin() {
		return w, Errorf(EForbidden, ReasonNotAllowed)
	}
	if !w.Open() {
		return w, Errorf(EConflict, ReasonWasteDecided, w.Ref())
	}
	u, err := tx.ExistingUnit(unit)
	if err != nil {
		return w, err
	}
	if !due.After(tx.now) {
		return w, Errorf(EInvalid, ReasonHandleByPast, due.Format("02/01/2006"))
	}
	w.Status, w.Unit, w.HandleBy, w.UpdatedAt, w.RemindedAt = WasteChecking, u.Code, due, tx.now, time.Time{}
	w.History = append(w.History, Event{At: tx.now, Actor: actor.UserID, Status: IdeaStatus(WasteChecking), Note: u.Code})
	if err := putJSON(tx.tx.Bucket(bucketWaste), u64(w.ID), w); err != nil {
		return w, err
	}
	return w, tx.audit(actor.UserID, AuditWasteAssign, w.Ref(), u.Code+" "+due.Format("02/01/2006"))
}

// HandleWaste records how the assigned unit handled a report: what was
// found, what was done, the money recovered or saved. Only a head of the
// unit it was assigned to; a press for another unit's case is refused.
func (tx *Tx) HandleWaste(actor Member, id uint64, finding, action string, recovered int64) (Waste, error) {
	w, err := tx.Waste(id)
	if err != nil {
		return w, err
	}
	if w.Unit == "" || !actor.IsHead(w.Unit) {
		return w, Errorf(EForbidden, ReasonWasteOtherUnit, w.Ref())
	}
	if !w.Open() {
		return w, Errorf(EConflict, ReasonWasteDecided, w.Ref())
	}
	if finding, err = CheckReason(finding); err != nil {
		return w, err
	}
	if action, err = CheckReason(action); err != nil {
		return w, err
	}
	if recovered < 0 || recovered > MaxVND {
		return w, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	w.Status, w.Finding, w.Outcome, w.Recovered, w.UpdatedAt = WasteHandled, finding, action, recovered, tx.now
	w.History = append(w.History, Event{At: tx.now, Actor: actor.UserID, Status: IdeaStatus(WasteHandled), Note: action})
	if err := putJSON(tx.tx.Bucket(bucketWaste), u64(w.ID), w); err != nil {
		return w, err
	}
	return w, tx.audit(actor.UserID, AuditWasteHandled, w.Ref(), action)
}

// OverdueWastes are the assigned reports not handled by their deadline
// whose last overdue notice is older than every (or never went); each is
// marked as told now.
func (tx *Tx) OverdueWastes(every time.Duration) ([]Waste, error) {
	var out []Waste
	err := tx.tx.Bucket(bucketWaste).ForEach(func(k, v []byte) error {
		var w Waste
		if err := decode(bucketWaste, k, v, &w); err != nil {
			return err
		}
		if w.Open() && w.Unit != "" && tx.now.After(w.HandleBy) && (w.RemindedAt.IsZero() || tx.now.Sub(w.RemindedAt) >= every) {
			out = append(out, w)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, w := range out {
		w.RemindedAt = tx.now
		if err := putJSON(tx.tx.Bucket(bucketWaste), u64(w.ID), w); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// HandledCases are the handled, assigned reports the register of handled
// cases has not carried yet, oldest first.
func (tx *Tx) HandledCases() ([]Waste, error) {
	var out []Waste
	err := tx.tx.Bucket(bucketWaste).ForEach(func(k, v []byte) error {
		var w Waste
		if err := decode(bucketWaste, k, v, &w); err != nil {
			return err
		}
		if w.Status == WasteHandled && w.Unit != "" && !w.InRegister {
			out = append(out, w)
		}
		return nil
	})
	return out, err
}

// MarkInRegister records that the register posted the cases ids; only
// an admin posts it.
func (tx *Tx) MarkInRegister(actor Member, ids []uint64) error {
	if !actor.IsAdmin() {
		return Errorf(EForbidden, ReasonNotAllowed)
	}
	for _, id := range ids {
		w, err := tx.Waste(id)
		if err != nil {
			return err
		}
		w.InRegister = true
		if err := putJSON(tx.tx.Bucket(bucketWaste), u64(w.ID), w); err != nil {
			return err
		}
	}
	return tx.audit(actor.UserID, AuditWasteRegister, "", itoa(int64(len(ids))))
}

// Recovered is the money recovered or saved by the handled waste cases
// handled in [start, end): its own figure, never added to the ideas'
// savings.
func (tx *Tx) Recovered(start, end time.Time) (int64, error) {
	var sum int64
	err := tx.tx.Bucket(bucketWaste).ForEach(func(k, v []byte) error {
		var w Waste
		if err := decode(bucketWaste, k, v, &w); err != nil {
			return err
		}
		if w.Status == WasteHandled && !w.UpdatedAt.Before(start) && w.UpdatedAt.Before(end) {
			sum += w.Recovered
		}
		return nil
	})
	return sum, err
}
