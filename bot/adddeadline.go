package bot

import (
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// /adddeadline, and the buttons /deadlines gives an admin on a single
// deadline added in chat: a name, a due time, a preview, then the heads
// are told. Correcting goes through the same form; deleting through a
// preview. Both only before any report is filed (storage.MayChangeDeadline).

// formDeadline is the form of a single deadline added (or corrected) in chat.
const formDeadline = "deadline"

// deadlineTag names the notices of a deadline sent to heads, so that they
// show it as it stands once corrected or deleted.
func deadlineTag(id string) string { return "deadline:" + id }

// deadlineForm is what the deadline form holds: the deadline corrected
// (its id; none when adding), its name, and its due time (RFC 3339).
type deadlineForm struct {
	Edit string `json:"edit,omitempty"`
	Name string `json:"name,omitempty"`
	Due  string `json:"due,omitempty"`
}

// cmdAddDeadline lets an admin add a single deadline: a name, then a time.
func cmdAddDeadline(c *Ctx) error {
	if err := c.saveForm(formDeadline, "name", deadlineForm{}); err != nil {
		return err
	}
	return c.Reply(c.T("deadline.ask_name"))
}

// onDeadlineButton answers an admin's button on a single deadline: "e"
// corrects it through the form, "x" asks whether to delete it, "X"
// deletes it, "n" keeps it.
func onDeadlineButton(c *Ctx, arg string) error {
	verb, id, _ := strings.Cut(arg, ":")
	if verb == "n" {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return c.Answer(c.T("deadline.kept"), false)
	}
	d, err := c.tx.MayChangeDeadline(c.Me, id)
	if err != nil {
		return err
	}
	switch verb {
	case "e":
		if err := c.saveForm(formDeadline, "name", deadlineForm{Edit: id, Name: d.Name, Due: d.DueAt.Format(time.RFC3339)}); err != nil {
			return err
		}
		return c.Reply(c.T("deadline.edit_intro", d.Name, c.bot.at(d.DueAt))+"\n\n"+c.T("deadline.ask_name")+c.T("edit.current", d.Name), keepButton(c.Lang))
	case "x":
		return c.Reply(c.T("deadline.confirm_delete", d.Name, c.bot.at(d.DueAt)), []storage.Button{
			{Text: c.T("btn.deadline_delete_yes"), Data: data(actDeadline, "X", id)},
			{Text: c.T("btn.no"), Data: data(actDeadline, "n", id)},
		})
	case "X":
		if _, err := c.tx.DeleteDeadline(c.Me, id); err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		if err := c.Reply(c.T("deadline.deleted", d.Name, c.bot.at(d.DueAt))); err != nil {
			return err
		}
		return tellHeadsOfDeadline(c, d, storage.Period{}, "deadline.deleted_heads", d.Name, c.bot.at(d.DueAt))
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// deadlineStep takes the name, then the due time, then the answer to the
// preview. Correcting, each step shows the current value with a keep
// button. A wrong answer is refused and leaves the form where it was.
func deadlineStep(c *Ctx, f storage.Form) error {
	st := formState[deadlineForm](f)
	pressed := formAnswer(c)
	if f.Step == "confirm" {
		return deadlineConfirm(c, st, pressed)
	}
	keep := st.Edit != "" && pressed == "keep"
	if keep {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	} else if c.Req.CallbackID != "" || c.Req.Text == "" {
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
	}
	switch f.Step {
	case "name":
		if !keep {
			name, err := storage.CheckDeadlineName(c.Req.Text)
			if err != nil {
				return err
			}
			st.Name = name
		}
		f.Step = "due"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		if st.Edit == "" {
			return c.Reply(c.T("deadline.ask_due"))
		}
		due, _ := time.Parse(time.RFC3339, st.Due)
		return c.Reply(c.T("deadline.ask_due")+c.T("edit.current", c.bot.at(due)), keepButton(c.Lang))
	case "due":
		due, _ := time.Parse(time.RFC3339, st.Due)
		if !keep {
			var err error
			due, err = parseDue(c.Req.Text, c.bot.loc)
			if err != nil {
				return err
			}
		}
		name, err := storage.CheckDeadline(st.Name, due, c.tx.Now())
		if err != nil {
			return err
		}
		f.Step, st.Due = "confirm", due.Format(time.RFC3339)
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		preview := c.T("deadline.preview_add", name, c.bot.at(due))
		if id := st.Edit; id != "" {
			old, err := c.tx.Deadline(id)
			if err != nil {
				return err
			}
			preview = c.T("deadline.preview_edit", old.Name, c.bot.at(old.DueAt), name, c.bot.at(due))
		}
		return c.Reply(preview, deadlineConfirmButtons(c.Lang)...)
	}
	return c.Answer(c.T("form.stale"), false)
}

func deadlineConfirmButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{{Text: texts.T(lang, "btn.confirm"), Data: data(actForm, "ok")}, {Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")}}}
}

// deadlineConfirm adds or corrects the deadline once its preview is
// confirmed, and tells the heads.
func deadlineConfirm(c *Ctx, st deadlineForm, pressed string) error {
	switch pressed {
	case "cancel":
		return c.leaveForm()
	case "ok":
	default:
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return c.Reply(c.T("form.choose"), deadlineConfirmButtons(c.Lang)...)
	}
	due, _ := time.Parse(time.RFC3339, st.Due)
	due = due.In(c.bot.loc)
	if id := st.Edit; id != "" {
		old, d, p, err := c.tx.CorrectDeadline(c.Me, id, st.Name, due)
		if err != nil {
			return err
		}
		if err := deadlineDone(c, "deadline.saved", d); err != nil {
			return err
		}
		return tellHeadsOfDeadline(c, d, p, "deadline.corrected", d.Name, c.bot.at(d.DueAt), old.Name, c.bot.at(old.DueAt))
	}
	d, p, err := c.tx.AddDeadline(c.Me, st.Name, due)
	if err != nil {
		return err
	}
	if err := deadlineDone(c, "deadline.added", d); err != nil {
		return err
	}
	return tellHeadsOfDeadline(c, d, p, "deadline.new", d.Name, c.bot.at(d.DueAt))
}

// deadlineDone closes the form and tells the admin it is done.
func deadlineDone(c *Ctx, key string, d storage.Deadline) error {
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	return c.Reply(c.T(key, d.Name, c.bot.at(d.DueAt)))
}

// tellHeadsOfDeadline tells every unit's heads of a deadline added,
// corrected (with a button to report for their unit in its period p) or
// deleted (p zero: no button), and brings the notices they had of it up to
// date.
func tellHeadsOfDeadline(c *Ctx, d storage.Deadline, p storage.Period, key string, args ...any) error {
	units, err := c.tx.Units()
	if err != nil {
		return err
	}
	buttons := func(lang, unit string) [][]storage.Button {
		if p.Key == "" {
			return nil
		}
		return [][]storage.Button{reportButton(lang, p, unit)}
	}
	err = refreshCards(c, deadlineTag(d.ID), p.Key == "", func(viewer storage.Member, lang string) (string, [][]storage.Button, error) {
		if p.Key == "" {
			return texts.T(lang, "deadline.deleted_heads", d.Name, c.bot.at(d.DueAt)), nil, nil
		}
		return texts.T(lang, "deadline.new", d.Name, c.bot.at(d.DueAt)), buttons(lang, viewer.Unit), nil
	})
	if err != nil {
		return err
	}
	// A round: the heads it cannot reach are named to the admins once.
	var r *round
	if err := c.bot.begin(c.tx, &r, "deadline"); err != nil {
		return err
	}
	r.AddSubject(d.Name, d.DueAt)
	for _, u := range units {
		heads, err := c.tx.UnitHeads(u.Code)
		if err != nil {
			return err
		}
		if len(heads) == 0 {
			r.AddHeadless(u.Code)
		}
		for _, h := range heads {
			lang := c.bot.langOf(h)
			m := storage.Message{ChatID: h.UserID, Text: texts.T(lang, key, args...), Keyboard: buttons(lang, u.Code), Tag: deadlineTag(d.ID)}
			if err := c.bot.post(c.tx, r.inRound(m)); err != nil {
				return err
			}
		}
	}
	return c.bot.endRound(c.tx, r)
}

// dueLayouts are the ways a deadline is typed: a date and a time, or a
// date alone, which is taken as 17:00 (the end of the working day, as the
// recurring deadlines are); the preview shows the time taken.
var dueLayouts = []struct {
	layout  string
	dayOnly bool
}{
	{"2/1/2006 15:04", false}, {"2/1/2006 15h04", false}, {"15:04 2/1/2006", false}, {"2/1/2006", true},
}

// parseDue reads a deadline as people type it: 31/12/2026 17:00,
// 31/12/2026 (17:00), 17:00 31/12/2026, with or without leading zeros.
func parseDue(text string, loc *time.Location) (time.Time, error) {
	s := strings.Join(strings.Fields(strings.NewReplacer("ngày", " ", "-", "/", ".", "/").Replace(strings.ToLower(text))), " ")
	for _, l := range dueLayouts {
		t, err := time.ParseInLocation(l.layout, s, loc)
		if err != nil {
			continue
		}
		if l.dayOnly {
			t = t.Add(17 * time.Hour)
		}
		return t, nil
	}
	return time.Time{}, storage.Errorf(storage.EInvalid, reasonDueFormat)
}
