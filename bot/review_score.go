package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The scores of an acceptance: the director's three marks, asked one
// criterion at a time, then the preview of the approval.

// scoreForm is what the form of an acceptance holds: the three marks.
type scoreForm struct {
	decisionAbout
	Novelty       string `json:"novelty,omitempty"`
	Applicability string `json:"applicability,omitempty"`
	Benefit       string `json:"benefit,omitempty"`
}

// set keeps the mark given at step.
func (st *scoreForm) set(step, mark string) {
	switch step {
	case "novelty":
		st.Novelty = mark
	case "applicability":
		st.Applicability = mark
	case "benefit":
		st.Benefit = mark
	}
}

// scoreStep takes the director's marks, one criterion at a time.
func scoreStep(c *Ctx, f storage.Form) error {
	st := formState[scoreForm](f)
	if f.Step == "confirm" {
		return acceptStep(c, f, st)
	}
	input := strings.TrimSpace(c.Req.Text)
	if c.Req.CallbackID != "" {
		input = formAnswer(c)
	}
	n, err := strconv.Atoi(input)
	if err != nil || n < 1 || n > 10 {
		return storage.Errorf(storage.EInvalid, storage.ReasonScoreRange)
	}
	st.set(f.Step, input)
	next := map[string]string{"novelty": "applicability", "applicability": "benefit"}[f.Step]
	if c.Req.CallbackID != "" {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	}
	if next != "" {
		f.Step = next
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("score.ask."+next, storage.IdeaRef(recordID(st.ID))), scoreButtons()...)
	}
	// Accepting is final and announced in the group: previewed first.
	f.Step = "confirm"
	if err := c.saveForm(f.Kind, f.Step, st); err != nil {
		return err
	}
	s := formScores(st)
	return c.Reply(c.T("score.preview", storage.IdeaRef(recordID(st.ID)), s.Novelty, s.Applicability, s.Benefit, s.Total()), acceptButtons(c.Lang)...)
}

// formScores reads the three marks a score form holds.
func formScores(st scoreForm) storage.Scores {
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return storage.Scores{Novelty: atoi(st.Novelty), Applicability: atoi(st.Applicability), Benefit: atoi(st.Benefit)}
}

// acceptButtons answer the preview of an acceptance.
func acceptButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{
		{Text: texts.T(lang, "btn.confirm"), Data: data(actForm, "ok")},
		{Text: texts.T(lang, "btn.rescore"), Data: data(actForm, "again")},
		{Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")},
	}}
}

// acceptStep takes the answer to an acceptance's preview.
func acceptStep(c *Ctx, f storage.Form, st scoreForm) error {
	switch formAnswer(c) {
	case "ok":
		if err := c.clearForm(); err != nil {
			return err
		}
		id, _ := strconv.ParseUint(st.ID, 10, 64)
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return decide(c, id, storage.Decision{Action: storage.ActAccept, Scores: formScores(st)})
	case "again":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		f.Step = "novelty"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("score.ask.novelty", storage.IdeaRef(recordID(st.ID))), scoreButtons()...)
	case "cancel":
		return c.leaveForm()
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	return c.Reply(c.T("form.choose"), acceptButtons(c.Lang)...)
}
