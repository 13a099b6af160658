package storage

import "time"

// Form is a conversation in progress: which form, which step, and what the
// person typed so far. It is stored with every step, so a restart loses
// nothing, and deleted when the form ends or is cancelled.
type Form struct {
	Kind      string            `json:"kind"`
	Step      string            `json:"step"`
	Data      map[string]string `json:"data,omitempty"`
	UpdatedAt time.Time         `json:"updated_at"`
}

// Form returns the form a user is filling in, if any.
func (tx *Tx) Form(userID int64) (Form, bool, error) {
	var f Form
	ok, err := tx.getJSON(bucketForms, u64(uint64(userID)), &f)
	if f.Data == nil {
		f.Data = map[string]string{}
	}
	return f, ok, err
}

// PutForm stores a user's form at its current step.
func (tx *Tx) PutForm(userID int64, f Form) error {
	f.UpdatedAt = tx.now
	return putJSON(tx.tx.Bucket(bucketForms), u64(uint64(userID)), f)
}

// ClearForm ends a user's form, keeping nothing of it.
func (tx *Tx) ClearForm(userID int64) error {
	return tx.tx.Bucket(bucketForms).Delete(u64(uint64(userID)))
}
