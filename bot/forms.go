package bot

import "thiduabot/storage"

// Each form keeps what was typed in it as a state of its own: a struct
// declared with the form's command, stored as JSON in the form
// (storage.FormState). The fields are strings named as the keys the forms
// kept before, so a form left half-filled by an older version reads on.

// formState reads a form's state. A state that does not read (a form of
// another shape) starts empty rather than trapping the person.
func formState[S any](f storage.Form) S {
	s, _ := storage.FormState[S](f)
	return s
}

// saveForm stores the person's form at step with its state st (see PutForm
// for when it asks first).
func (c *Ctx) saveForm(kind, step string, st any) error {
	f := storage.Form{Kind: kind, Step: step}
	if err := f.SetState(st); err != nil {
		return err
	}
	return c.PutForm(c.Req.UserID, f)
}

// saveStep stores the form at step with its state and asks the step's
// question.
func saveStep(c *Ctx, kind string, st any, step, prompt string, kb ...[]storage.Button) error {
	if err := c.saveForm(kind, step, st); err != nil {
		return err
	}
	return c.Reply(prompt, kb...)
}

// form returns the person's open form, if any.
func (c *Ctx) form() (storage.Form, bool, error) { return c.tx.Forms().Get(c.Req.UserID) }

// clearForm closes the person's form: it was sent, cancelled or dropped.
func (c *Ctx) clearForm() error { return c.tx.Forms().Clear(c.Req.UserID) }
