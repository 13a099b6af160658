package storage

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Get is a conversation in progress: which form, which step, and what the
// person typed so far. It is stored with every step, so a restart loses
// nothing, and deleted when the form ends or is cancelled.
//
// What was typed is the form's state: a struct of the form's own, stored as
// a JSON object in Data (FormState reads it, SetState writes it). Forms
// stored before the states were structs hold in Data a JSON object of
// strings, key by key; a state whose fields are strings named by the same
// keys reads them unchanged.
type Form struct {
	Kind      string          `json:"kind"`
	Step      string          `json:"step"`
	Data      json.RawMessage `json:"data,omitempty"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// FormState decodes a form's state into S; a form with no state gives S's
// zero value.
func FormState[S any](f Form) (S, error) {
	var s S
	if len(f.Data) == 0 || string(f.Data) == "null" {
		return s, nil
	}
	if err := json.Unmarshal(f.Data, &s); err != nil {
		return s, fmt.Errorf("storage: form %s: %w", f.Kind, err)
	}
	return s, nil
}

// SetState stores s as the form's state. A state that holds nothing (an
// empty object) leaves Data empty, so a form is half-filled only when it
// holds something (Filled).
func (f *Form) SetState(s any) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("storage: form %s: %w", f.Kind, err)
	}
	if string(b) == "{}" || string(b) == "null" {
		f.Data = nil
		return nil
	}
	f.Data = b
	return nil
}

// Filled says whether the form's state holds anything.
func (f Form) Filled() bool {
	var m map[string]json.RawMessage
	if len(f.Data) == 0 || json.Unmarshal(f.Data, &m) != nil {
		return len(f.Data) > 0 && string(f.Data) != "null"
	}
	return len(m) > 0
}

// Values are the values a form holds, ordered by their keys, as typed:
// strings as they are, anything else as its JSON text. Empty values are
// left out. (For showing a person what a form of theirs holds.)
func (f Form) Values() []string {
	var m map[string]json.RawMessage
	if len(f.Data) == 0 || json.Unmarshal(f.Data, &m) != nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []string
	for _, k := range keys {
		v := string(m[k])
		if s, err := strconv.Unquote(v); err == nil && len(v) > 0 && v[0] == '"' {
			v = s
		}
		if v != "" && v != "null" && v != "{}" && v != "[]" {
			out = append(out, v)
		}
	}
	return out
}

// Get returns the form a user is filling in, if any.
func (fs Forms) Get(userID int64) (Form, bool, error) {
	tx := fs.tx
	var f Form
	ok, err := tx.getJSON(bucketForms, u64(uint64(userID)), &f)
	return f, ok, err
}

// Put stores a user's form at its current step.
func (fs Forms) Put(userID int64, f Form) error {
	tx := fs.tx
	f.UpdatedAt = tx.now
	return putJSON(tx.tx.Bucket(bucketForms), u64(uint64(userID)), f)
}

// Clear ends a user's form, keeping nothing of it.
func (fs Forms) Clear(userID int64) error {
	tx := fs.tx
	return tx.tx.Bucket(bucketForms).Delete(u64(uint64(userID)))
}
