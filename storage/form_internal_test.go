package storage

import (
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// oldForm is a form as stored before the states were structs: what was
// typed was a map of strings.
type oldForm struct {
	Kind      string            `json:"kind"`
	Step      string            `json:"step"`
	Data      map[string]string `json:"data,omitempty"`
	UpdatedAt time.Time         `json:"updated_at"`
}

// A state of the form's own: strings named as the old keys, and a number
// stored as a string.
type testState struct {
	Title   string `json:"title,omitempty"`
	Edit    string `json:"edit,omitempty"`
	Savings int64  `json:"savings,omitempty,string"`
}

// A form file written in the old layout reads into its struct, and what is
// written back reads again the same, with the old keys.
func TestForm_OldLayoutReadsIntoItsState(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *Tx) error {
		return putJSON(tx.tx.Bucket(bucketForms), u64(42), oldForm{Kind: "idea", Step: "savings",
			Data: map[string]string{"title": "Tắt máy", "savings": "1500000", "gone": "x"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *Tx) error {
		f, ok, err := tx.Forms().Get(42)
		if err != nil || !ok {
			t.Fatalf("form: %v %v", ok, err)
		}
		if !f.Filled() {
			t.Error("an old form with values is not filled")
		}
		if got, want := f.Values(), []string{"x", "1500000", "Tắt máy"}; !slices.Equal(got, want) {
			t.Errorf("values %q, want %q", got, want)
		}
		s, err := FormState[testState](f)
		if err != nil {
			t.Fatal(err)
		}
		if s != (testState{Title: "Tắt máy", Savings: 1500000}) {
			t.Errorf("state %+v", s)
		}
		s.Edit = "7"
		if err := f.SetState(s); err != nil {
			t.Fatal(err)
		}
		return tx.Forms().Put(42, f)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(func(tx *Tx) error {
		var old oldForm // what is written still reads as the old layout
		if _, err := tx.getJSON(bucketForms, u64(42), &old); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"title": "Tắt máy", "savings": "1500000", "edit": "7"}
		if len(old.Data) != len(want) {
			t.Errorf("data %q, want %q", old.Data, want)
		}
		for k, v := range want {
			if old.Data[k] != v {
				t.Errorf("data[%s] = %q, want %q", k, old.Data[k], v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A state that holds nothing leaves the form unfilled; a form with no
// state reads as the zero state.
func TestForm_EmptyState(t *testing.T) {
	f := Form{Kind: "idea"}
	if err := f.SetState(testState{}); err != nil {
		t.Fatal(err)
	}
	if f.Filled() || f.Data != nil {
		t.Errorf("empty state: filled %v, data %s", f.Filled(), f.Data)
	}
	if s, err := FormState[testState](f); err != nil || s != (testState{}) {
		t.Errorf("state %+v, %v", s, err)
	}
	f.Data = []byte(`{"title": 3}`)
	if _, err := FormState[testState](f); err == nil {
		t.Error("a state of the wrong shape reads without an error")
	}
}
