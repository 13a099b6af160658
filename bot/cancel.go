package bot

// cmdCancel leaves the current form; nothing of it is kept.
func cmdCancel(c *Ctx) error {
	_, ok, err := c.form()
	if err != nil {
		return err
	}
	if !ok {
		return c.Reply(c.T("cancel.none"))
	}
	return c.leaveForm()
}

// leaveForm drops the person's form, nothing of it kept, and says so; when
// a form's Cancel button was pressed, its message loses its buttons.
func (c *Ctx) leaveForm() error {
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	return c.Reply(c.T("cancel.done"))
}
