package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The council's vote on a proposal: the members present, the votes for,
// and the outcome, previewed before it is kept.

// count reads a whole number of people typed in chat.
func count(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 1000 {
		return 0, storage.Errorf(storage.EInvalid, reasonCount, strings.TrimSpace(s))
	}
	return n, nil
}

func voteButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{
		{Text: texts.T(lang, "law.btn.passed"), Data: data(actForm, "pass")},
		{Text: texts.T(lang, "law.btn.failed"), Data: data(actForm, "fail")},
		{Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")},
	}}
}

// honourAbout is whom the vote or the decision is about, as the honour
// forms hold it: the year, the subject (storage.ParseSubject), the award
// proposed, and the name shown.
type honourAbout struct {
	Year    string `json:"year,omitempty"`
	Subject string `json:"subject,omitempty"`
	Award   string `json:"award,omitempty"`
	Name    string `json:"name,omitempty"`
}

// voteForm is what the form of a council's vote holds: the members
// present and the votes for.
type voteForm struct {
	honourAbout
	Present string `json:"present,omitempty"`
	For     string `json:"for,omitempty"`
}

// conferralForm is what the form of a decision holds: its number, its
// date (dd/mm/yyyy) and the award conferred.
type conferralForm struct {
	honourAbout
	No   string `json:"no,omitempty"`
	Date string `json:"date,omitempty"`
	Form string `json:"form,omitempty"`
}

// voteStep takes the members present, the votes for, then the outcome.
func voteStep(c *Ctx, f storage.Form) error {
	st := formState[voteForm](f)
	year, _ := strconv.Atoi(st.Year)
	s, _ := storage.ParseSubject(st.Subject)
	if f.Step == "outcome" {
		answer := formAnswer(c)
		if answer == "cancel" {
			return c.leaveForm()
		}
		if answer != "pass" && answer != "fail" {
			return c.Reply(c.T("form.choose"), voteButtons(c.Lang)...)
		}
		present, _ := strconv.Atoi(st.Present)
		votesFor, _ := strconv.Atoi(st.For)
		h, err := c.tx.RecordVote(c.Me, year, s, storage.Award(st.Award), votesFor, present, answer == "pass")
		if err != nil {
			return err
		}
		if err := c.clearForm(); err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return c.Reply(c.T("law.vote.saved", st.Name, h.Vote.For, h.Vote.Present, outcomeWord(c.Lang, h.Vote.Passed)),
			[]storage.Button{{Text: c.T("law.btn.honours"), Data: data(actHonour, "l", st.Year)}})
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	n, err := count(c.Req.Text)
	if err != nil {
		return err
	}
	switch f.Step {
	case "present":
		if n < 1 {
			return storage.Errorf(storage.EInvalid, storage.ReasonVotePresent)
		}
		st.Present, f.Step = strconv.Itoa(n), "for"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("law.vote.ask_for", n))
	case "for":
		present, _ := strconv.Atoi(st.Present)
		if n > present {
			return storage.Errorf(storage.EInvalid, storage.ReasonVoteTooMany, n, present)
		}
		st.For, f.Step = strconv.Itoa(n), "outcome"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		share := strconv.FormatFloat(float64(n)*100/float64(present), 'f', 1, 64)
		if c.Lang == "vi" {
			share = strings.Replace(share, ".", ",", 1)
		}
		return c.Reply(c.T("law.vote.preview", st.Name, n, present, share), voteButtons(c.Lang)...)
	}
	return nil
}
