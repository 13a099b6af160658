package bot

import (
	"thiduabot/bot/period"
	"thiduabot/storage"
)

// route sends an update to its handler, after checking on the stored role
// that the sender may do what they ask. Every route is read from the
// command table (commands.go).
func route(c *Ctx) error {
	if c.Req.CallbackID != "" {
		if err := onButton(c); err != nil {
			return err
		}
		return c.Answer("", false)
	}
	if c.Req.Group {
		return routeGroup(c)
	}
	if c.Me.NeedsName() && !commandsByName[c.Req.Command].answersBeforeName() {
		return askName(c)
	}
	if c.Req.Command != "" {
		return runCommand(c)
	}
	if f, ok, err := c.form(); err != nil {
		return err
	} else if ok {
		return formInput(c, f)
	}
	return c.Reply(c.T("unknown"))
}

// answersBeforeName reports whether cmd (nil for no command) answers a
// person who has not given their full name yet.
func (cmd *command) answersBeforeName() bool { return cmd != nil && cmd.beforeName }

// runCommand runs a slash command, or opens the record a tappable command
// names (/sk_42), for those the command is for.
func runCommand(c *Ctx) error {
	c.opening = true
	name := c.Req.Command
	for i := range commandList {
		cmd := &commandList[i]
		if cmd.record == nil {
			continue
		}
		if m := cmd.record.FindStringSubmatch(name); m != nil {
			if err := allowed(cmd, c.Me); err != nil {
				return err
			}
			return cmd.open(c, m[1])
		}
	}
	cmd, ok := commandsByName[name]
	if !ok {
		return c.Reply(c.T("unknown"))
	}
	if err := allowed(cmd, c.Me); err != nil {
		return err
	}
	if asksPeriod(cmd, c.Req) {
		return offerPeriods(c, cmd)
	}
	if len(cmd.periods) > 0 && c.Req.CallbackID == "" {
		if done, err := checkPeriod(c, cmd); done || err != nil {
			return err
		}
	}
	if c.Req.CallbackID != "" && !cmd.periodsUnder { // a period pressed: the choice stays on its message
		if err := c.Edit(c.T("period.chosen", commandTitle(c.Lang, cmd), period.Name(c.Lang, mustPeriod(c.Req.Args, c.bot)))); err != nil {
			return err
		}
	}
	return cmd.run(c)
}

// allowed refuses a command to those it is not for: a guest is told to
// join first.
func allowed(cmd *command, me storage.Member) error {
	if cmd.who&audienceOf(me) != 0 {
		return nil
	}
	if !me.Active() {
		return storage.Errorf(storage.EForbidden, reasonNotMember)
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// routeGroup answers in the staff group only what SPEC allows there, and
// points to the private chat for the rest; plain talk is not for the bot.
func routeGroup(c *Ctx) error {
	if c.Req.Command == "" {
		return nil
	}
	if cmd, ok := commandsByName[c.Req.Command]; ok && cmd.group {
		return cmd.run(c)
	}
	c.Lang = c.bot.cfg.Org.Language
	return c.Reply(c.T("group.private", c.bot.username))
}

// onButton routes a pressed button by the action its data names. The data
// is never trusted: each handler re-reads the record and re-checks the
// role of whoever pressed.
func onButton(c *Ctx) error {
	action, rest := parseData(c.Req.Data)
	if action == actPeriod {
		return runCommand(c) // parseUpdate read the command and its period
	}
	if action == actFormSwitch || action == actFormKeep {
		return onFormSwitch(c, action, rest)
	}
	if action != actForm {
		c.opening = true
	}
	if action == actForm {
		f, ok, err := c.form()
		if err != nil {
			return err
		}
		if !ok {
			return c.Answer(c.T("form.stale"), false)
		}
		return formInput(c, f)
	}
	if cmd, ok := buttonOwners[action]; ok {
		return cmd.buttons[action](c, rest)
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// formInput passes what a person typed or pressed to the form they have
// open. A button from an earlier step of the form is refused as stale.
func formInput(c *Ctx, f storage.Form) error {
	if cmd, ok := formOwners[f.Kind]; ok {
		return cmd.forms[f.Kind](c, f)
	}
	// A form this version does not know: drop it rather than trap the user.
	if err := c.clearForm(); err != nil {
		return err
	}
	return c.Reply(c.T("form.stale"))
}
