package storage

import "time"

// WasteStatus is where a waste report is in its handling.
type WasteStatus string

// The states of a waste report: received → checking → handled or dismissed.
const (
	WasteReceived  WasteStatus = "received"
	WasteChecking  WasteStatus = "checking"
	WasteHandled   WasteStatus = "handled"
	WasteDismissed WasteStatus = "dismissed"
)

// Waste is a report of waste someone saw (phản ánh lãng phí). Its reporter
// is shown to admins and directors only.
type Waste struct {
	ID          uint64      `json:"id"`
	Reporter    int64       `json:"reporter"`
	Description string      `json:"description"`
	PhotoID     string      `json:"photo_id,omitempty"`
	Status      WasteStatus `json:"status"`
	Outcome     string      `json:"outcome,omitempty"`
	Published   bool        `json:"published,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	History     []Event     `json:"history"`

	// Handled to the end (waste_case.go): the unit an admin assigned it to
	// and by when; what that unit's head found, did (Outcome) and
	// recovered; when an overdue notice last went; whether the register
	// of handled cases has carried it.
	Unit       string    `json:"unit,omitempty"`
	HandleBy   time.Time `json:"handle_by,omitzero"`
	Finding    string    `json:"finding,omitempty"`
	Recovered  int64     `json:"recovered,omitempty"` // VND recovered or saved: its own figure, never the ideas' savings
	RemindedAt time.Time `json:"reminded_at,omitzero"`
	InRegister bool      `json:"in_register,omitempty"`
}

// Ref is the report's short id: PA-7.
func (w Waste) Ref() string { return WasteRef(w.ID) }

// Open reports whether the report still waits for handling.
func (w Waste) Open() bool { return w.Status == WasteReceived || w.Status == WasteChecking }

// ReportWaste records a waste report by an active member.
func (tx *Tx) ReportWaste(actor Member, w Waste) (Waste, error) {
	if !actor.Active() {
		return w, Errorf(EForbidden, ReasonNotAllowed)
	}
	var err error
	if w.Description, err = CheckDescription(w.Description); err != nil {
		return w, err
	}
	b := tx.tx.Bucket(bucketWaste)
	if w.ID, err = b.NextSequence(); err != nil {
		return w, err
	}
	w.Reporter, w.Status, w.CreatedAt, w.UpdatedAt = actor.UserID, WasteReceived, tx.now, tx.now
	w.History = []Event{{At: tx.now, Actor: actor.UserID, Status: IdeaStatus(WasteReceived)}}
	if err := putJSON(b, u64(w.ID), w); err != nil {
		return w, err
	}
	return w, tx.audit(actor.UserID, AuditWasteReport, w.Ref(), "")
}

// Waste returns a waste report by id.
func (tx *Tx) Waste(id uint64) (Waste, error) {
	return getRecord[Waste](tx, bucketWaste, u64(id), func() error {
		return Errorf(ENotFound, ReasonWasteNotFound, WasteRef(id))
	})
}

// MoveWaste moves a waste report on; only admins may. Handled and
// dismissed need an outcome; publish makes a handled report public.
func (tx *Tx) MoveWaste(actor Member, id uint64, to WasteStatus, outcome string, publish bool) (Waste, error) {
	w, err := tx.Waste(id)
	if err != nil {
		return w, err
	}
	if !actor.IsAdmin() {
		return w, Errorf(EForbidden, ReasonNotAllowed)
	}
	if !w.Open() || (to == WasteChecking && w.Status != WasteReceived) {
		return w, Errorf(EConflict, ReasonWasteDecided, w.Ref())
	}
	switch to {
	case WasteChecking:
	case WasteHandled, WasteDismissed:
		if outcome, err = CheckReason(outcome); err != nil {
			return w, err
		}
	default:
		return w, Errorf(EInvalid, ReasonNotAllowed)
	}
	w.Status, w.Outcome, w.Published, w.UpdatedAt = to, outcome, publish && to == WasteHandled, tx.now
	w.History = append(w.History, Event{At: tx.now, Actor: actor.UserID, Status: IdeaStatus(to), Note: outcome})
	if err := putJSON(tx.tx.Bucket(bucketWaste), u64(w.ID), w); err != nil {
		return w, err
	}
	return w, tx.audit(actor.UserID, wasteAudit(to), w.Ref(), outcome)
}

// Wastes returns the newest waste reports, the open ones only when
// openOnly, at most limit, and how many matched.
func (tx *Tx) Wastes(openOnly bool, limit int) ([]Waste, int, error) {
	var out []Waste
	total := 0
	c := tx.tx.Bucket(bucketWaste).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var w Waste
		if err := decode(bucketWaste, k, v, &w); err != nil {
			return nil, 0, err
		}
		if openOnly && !w.Open() {
			continue
		}
		total++
		if len(out) < limit {
			out = append(out, w)
		}
	}
	return out, total, nil
}
