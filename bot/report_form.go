package bot

import (
	"encoding/json"
	"strings"
)

// reportForm is what the form of a report holds: the period and the unit,
// the money saved (whole dong), the note on infrastructure, the document,
// and the walk through what the unit owes: its items ("i:<indicator>" and
// "w:<work>", comma-separated), the position in it, and a value waiting
// for its check.
//
// Answers are the walk's answers, item by item, by key: "iv:" and "ir:"
// an indicator's value and the reason it fell; "wm:", "wd:", "wp:", "wb:"
// and "wi:" a work's milestone, its date (Unix seconds), its percent, the
// money disbursed and "1" for an incident; each followed by the code. They
// are stored beside the other fields, as the report form always kept them.
type reportForm struct {
	Period  string `json:"period,omitempty"`
	Unit    string `json:"unit,omitempty"`
	Saved   string `json:"saved,omitempty"`
	Infra   string `json:"infra,omitempty"`
	DocID   string `json:"doc_id,omitempty"`
	DocName string `json:"doc_name,omitempty"`
	Items   string `json:"items,omitempty"`
	Pos     string `json:"pos,omitempty"`
	Pending string `json:"pending,omitempty"`

	Answers map[string]string `json:"-"`
}

// reportFields are reportForm's fields without its JSON methods.
type reportFields reportForm

// MarshalJSON writes the fields and, beside them, the answers.
func (st reportForm) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(reportFields(st))
	if err != nil || len(st.Answers) == 0 {
		return b, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range st.Answers {
		m[k] = v
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads the fields, and the answers from the keys with a
// colon.
func (st *reportForm) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*reportFields)(st)); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	st.Answers = map[string]string{}
	for k, raw := range m {
		var v string
		if strings.Contains(k, ":") && json.Unmarshal(raw, &v) == nil {
			st.Answers[k] = v
		}
	}
	return nil
}
