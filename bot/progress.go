package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// formProgress is the form of a progress update: percent → money saved → note.
const formProgress = "progress"

// cmdProgress lets the author pick one of their accepted ideas to report on.
func cmdProgress(c *Ctx) error {
	var open []storage.Idea
	for _, st := range []storage.IdeaStatus{storage.IdeaApproved, storage.IdeaInProgress} {
		ideas, _, err := c.tx.Ideas(storage.IdeaFilter{Author: c.Req.UserID, Status: st}, 20)
		if err != nil {
			return err
		}
		open = append(open, ideas...)
	}
	if len(open) == 0 {
		return c.Reply(c.T("progress.none"))
	}
	var kb [][]storage.Button
	for _, idea := range open {
		kb = append(kb, []storage.Button{{Text: truncate(idea.Ref()+" "+idea.Title, 60), Data: data(actProgress, strconv.FormatUint(idea.ID, 10))}})
	}
	return c.Reply(c.T("progress.pick"), kb...)
}

// onProgressButton starts the progress form for one idea.
func onProgressButton(c *Ctx, arg string) error {
	idea, err := ownIdea(c, arg)
	if err != nil {
		return err
	}
	if err := c.Me.MayReportProgress(idea); err != nil {
		return err
	}
	if err := c.saveForm(formProgress, "percent", progressForm{ID: arg}); err != nil {
		return err
	}
	return c.Reply(c.T("progress.ask_percent", idea.Ref(), idea.Percent), percentButtons())
}

// percentButtons offer the usual steps of progress beside typing.
func percentButtons() []storage.Button {
	var row []storage.Button
	for _, p := range []string{"25", "50", "75", "100"} {
		row = append(row, storage.Button{Text: p + "%", Data: data(actForm, p)})
	}
	return row
}

// progressForm is what the form of progress holds: the idea (its id), the
// percent done, the money saved so far (whole dong) and the note.
type progressForm struct {
	ID      string `json:"id,omitempty"`
	Percent string `json:"percent,omitempty"`
	Saved   string `json:"saved,omitempty"`
	Note    string `json:"note,omitempty"`
}

// progressStep takes percent → money saved so far → note.
func progressStep(c *Ctx, f storage.Form) error {
	st := formState[progressForm](f)
	pressedPercent := f.Step == "percent" && strings.Contains(" 25 50 75 100 ", " "+formAnswer(c)+" ")
	if c.Req.CallbackID != "" && !(f.Step == "note" && formAnswer(c) == "skip") && f.Step != "confirm" && !pressedPercent {
		return c.Answer(c.T("form.stale"), false)
	}
	text := strings.TrimSpace(c.Req.Text)
	if pressedPercent {
		text = formAnswer(c)
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	}
	switch f.Step {
	case "percent":
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(text, "%")))
		if err != nil {
			return storage.Errorf(storage.EInvalid, reasonPercentFormat)
		}
		if n < 0 || n > 100 {
			return storage.Errorf(storage.EInvalid, storage.ReasonPercentRange)
		}
		st.Percent, f.Step = strconv.Itoa(n), "saved"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("progress.ask_saved"))
	case "saved":
		v, err := storage.ParseVND(text)
		if err != nil {
			return err
		}
		st.Saved, f.Step = strconv.FormatInt(v, 10), "note"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("progress.ask_note"), skipButton(c))
	case "note":
		if c.Req.CallbackID != "" {
			text = ""
			if err := c.RemoveButtons(); err != nil {
				return err
			}
		}
		st.Note = text
		if st.Percent != "100" {
			return saveProgress(c, st)
		}
		// Done is final and announced in the group: previewed first.
		f.Step = "confirm"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		saved, _ := strconv.ParseInt(st.Saved, 10, 64)
		return c.Reply(c.T("progress.preview_done", storage.IdeaRef(recordID(st.ID)), texts.Money(saved)), confirmButtons(c.Lang)...)
	case "confirm":
		switch formAnswer(c) {
		case "ok":
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return saveProgress(c, st)
		case "cancel":
			return c.leaveForm()
		}
		return c.Reply(c.T("form.choose"), confirmButtons(c.Lang)...)
	}
	return c.Answer(c.T("form.stale"), false)
}

// saveProgress stores a finished progress form, refreshes the idea's cards
// and, when the idea is done, announces it.
func saveProgress(c *Ctx, st progressForm) error {
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	percent, _ := strconv.Atoi(st.Percent)
	saved, _ := strconv.ParseInt(st.Saved, 10, 64)
	idea, err := c.tx.ReportProgress(c.Me, storage.Progress{IdeaID: id, Percent: percent, Saved: saved, Note: st.Note})
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.Reply(c.T("progress.saved", idea.Ref(), idea.Percent, texts.Money(idea.Saved))); err != nil {
		return err
	}
	if err := refreshIdea(c, idea); err != nil {
		return err
	}
	if idea.Status != storage.IdeaDone {
		return nil
	}
	if err := c.bot.toGroup(c.tx, "group.done", idea.Ref(), idea.Title, c.bot.comrade(c.tx, c.bot.cfg.Org.Language, c.Me), texts.Money(idea.Saved)); err != nil {
		return err
	}
	return toHeads(c, idea, "head.done", idea.Ref(), idea.Title, texts.Money(idea.Saved))
}

// ownIdea reads the idea a button names, refusing anyone but its author.
func ownIdea(c *Ctx, arg string) (storage.Idea, error) {
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		return storage.Idea{}, storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	idea, err := c.tx.Idea(id)
	if err != nil {
		return idea, err
	}
	if idea.Author != c.Me.UserID {
		return idea, storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	return idea, nil
}
