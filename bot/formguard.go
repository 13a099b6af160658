package bot

import (
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// A form half-filled is not dropped by opening another action: the
// person is asked first. A command or a button that is not an answer to
// the open form "opens" (Ctx.opening); when what it opens is a form and
// another waits half-filled, PutForm refuses with reasonFormPending, the
// update changes nothing, and the refusal offers to go back to the form or
// to drop it and do what was asked (actFormSwitch, carrying the command or
// the button pressed).

// reasonFormPending: another form waits half-filled.
const reasonFormPending storage.Reason = "form_pending"

// The buttons of the question.
const (
	actFormSwitch = "fx" // drop the half-filled form and do what was asked: fx:<command or button>
	actFormKeep   = "fk" // go back to the half-filled form
)

// personalForms are the forms about joining and one's name: asked before
// anything else and never in the way of another action.
var personalForms = map[string]bool{formJoin: true, formName: true}

// PutForm stores the person's form; see above for when it asks first.
func (c *Ctx) PutForm(userID int64, f storage.Form) error {
	if c.opening && !c.replaceForm && userID == c.Req.UserID {
		old, ok, err := c.tx.Forms().Get(userID)
		if err != nil {
			return err
		}
		if ok && halfFilled(old) && !personalForms[old.Kind] && !(old.Kind == f.Kind && old.Step == f.Step) {
			return storage.Errorf(storage.EConflict, reasonFormPending)
		}
	}
	return c.tx.Forms().Put(userID, f)
}

// halfFilled says whether a form holds something the person gave.
func halfFilled(f storage.Form) bool { return f.Filled() }

// formPendingButtons offer to go back to the form, or to drop it and do
// what was asked (when it fits a button's data; otherwise to drop it and
// ask again).
func formPendingButtons(lang string, req Request) []storage.Button {
	again := req.Data
	if req.CallbackID == "" {
		again = strings.TrimSpace("/" + req.Command + " " + req.Args)
	}
	if len(data(actFormSwitch, again)) > maxButtonData {
		again = ""
	}
	return []storage.Button{
		{Text: texts.T(lang, "form.pending_keep"), Data: data(actFormKeep)},
		{Text: texts.T(lang, "form.pending_drop"), Data: data(actFormSwitch, again)},
	}
}

// onFormSwitch answers the question: back to the form, or the form
// dropped and what was asked done now.
func onFormSwitch(c *Ctx, action, again string) error {
	if action == actFormKeep {
		return c.Edit(c.T("form.pending_kept"))
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.Edit(c.T("form.pending_dropped")); err != nil {
		return err
	}
	c.replaceForm = true
	switch {
	case again == "":
		return c.Reply(c.T("form.pending_again"))
	case strings.HasPrefix(again, "/"):
		cmd, args, _ := strings.Cut(strings.TrimPrefix(again, "/"), " ")
		c.Req.CallbackID, c.Req.Data, c.Req.Command, c.Req.Args = "", "", cmd, args
		c.Req.MessageID, c.buttonsOff = 0, true
		return runCommand(c)
	}
	c.Req.Data = again
	c.buttonsOff = true
	return onButton(c)
}
