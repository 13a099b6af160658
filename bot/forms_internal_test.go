package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"thiduabot/storage"
)

// No form reads or writes its state as a map of strings by key: each has
// its state struct, read by formState and written by saveForm.
func TestForms_NoDataByKey(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	scanned := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		scanned++
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, `.Data["`) || strings.Contains(line, "Data: map[string]string") {
				t.Errorf("%s:%d: a form's state by key: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
	if scanned < 20 {
		t.Fatalf("scanned %d files: not the bot package", scanned)
	}
}

// A report form keeps the walk's answers beside its fields, as the report
// form kept them before its state was a struct: an old form reads, and
// what is written reads the same.
func TestForms_ReportAnswersRoundTrip(t *testing.T) {
	old := storage.Form{Kind: formReport, Step: "w_inc", Data: []byte(`{"period":"2026-11","unit":"VP","saved":"0","items":"i:DIEN,w:CT1","pos":"1","iv:DIEN":"12.5","ir:DIEN":"Mưa","wm:CT1":"-1","wi:CT1":""}`)}
	st := formState[reportForm](old)
	if st.Period != "2026-11" || st.Unit != "VP" || st.Items != "i:DIEN,w:CT1" || st.Pos != "1" {
		t.Errorf("fields %+v", st)
	}
	want := map[string]string{"iv:DIEN": "12.5", "ir:DIEN": "Mưa", "wm:CT1": "-1", "wi:CT1": ""}
	if len(st.Answers) != len(want) {
		t.Errorf("answers %q, want %q", st.Answers, want)
	}
	for k, v := range want {
		if got, ok := st.Answers[k]; !ok || got != v {
			t.Errorf("answer %s = %q (%v), want %q", k, got, ok, v)
		}
	}
	var again storage.Form
	if err := again.SetState(st); err != nil {
		t.Fatal(err)
	}
	if back := formState[reportForm](again); back.Saved != "0" || len(back.Answers) != len(want) || back.Answers["ir:DIEN"] != "Mưa" {
		t.Errorf("written and read again: %+v", back)
	}
}

// A form of each kind started in an older version, its state a map of
// strings, reads into its struct.
func TestForms_OldStatesRead(t *testing.T) {
	f := storage.Form{Kind: formIdea, Step: "confirm", Data: []byte(`{"edit":"12","theme":"infrastructure","title":"T","description":"D","savings":"0","b_kind":"ind","b_ind":"DIEN","b_amt":"2.5","similar":"3,4","fixing":"1"}`)}
	idea := formState[ideaForm](f)
	if idea != (ideaForm{Edit: "12", Theme: "infrastructure", Title: "T", Description: "D", Savings: "0", BKind: "ind", BInd: "DIEN", BAmt: "2.5", Similar: "3,4", Fixing: "1"}) {
		t.Errorf("idea %+v", idea)
	}
	f = storage.Form{Kind: formVote, Step: "outcome", Data: []byte(`{"year":"2026","subject":"m:5","award":"cstdcs","name":"An","present":"9","for":"7"}`)}
	if v := formState[voteForm](f); v.Year != "2026" || v.Subject != "m:5" || v.Name != "An" || v.Present != "9" || v.For != "7" {
		t.Errorf("vote %+v", v)
	}
	f = storage.Form{Kind: formScore, Step: "benefit", Data: []byte(`{"id":"7","action":"accept","novelty":"8","applicability":"6"}`)}
	if s := formState[scoreForm](f); s.ID != "7" || s.Action != "accept" || formScores(s) != (storage.Scores{Novelty: 8, Applicability: 6}) {
		t.Errorf("score %+v", s)
	}
	f = storage.Form{Kind: formHandle, Step: "confirm", Data: []byte(`{"id":"3","finding":"F","action":"A","money":"100"}`)}
	if h := formState[handleForm](f); h != (handleForm{ID: "3", Finding: "F", Action: "A", Money: "100"}) {
		t.Errorf("handle %+v", h)
	}
}
