package bot

import (
	"strings"

	"thiduabot/storage"
)

// formName asks a configured head, director or admin for their full name
// the first time they write; what they wrote waits in the form.
const formName = "name"

// askName puts what a nameless member wrote aside and asks for their full
// name; /lang still works, so they can be asked in their language.
// nameForm is what the form of a configured member's name holds: what
// they first wrote, done once the name is kept.
type nameForm struct {
	Then string `json:"then,omitempty"`
}

func askName(c *Ctx) error {
	if f, ok, err := c.form(); err != nil {
		return err
	} else if ok && f.Kind == formName {
		return nameStep(c, f)
	}
	// Told what is stored and why, and asked, before the name is kept: a
	// configured head, director or admin as much as a newcomer.
	if c.Me.ConsentAt.IsZero() {
		if err := c.saveForm(formName, joinConsent, nameForm{Then: c.Req.Text}); err != nil {
			return err
		}
		return c.Reply(c.bot.consentNotice(c.Lang, false), consentButtons(c.Lang, false)...)
	}
	if err := c.saveForm(formName, "name", nameForm{Then: c.Req.Text}); err != nil {
		return err
	}
	return c.Reply(c.T("name.ask", c.bot.roleText(c.tx, c.Lang, c.Me)))
}

// configuredConsentStep takes a configured member's answer to the notice:
// a consent is recorded and their name asked; without it nothing more of
// theirs is kept, and they are asked again when they next write.
func configuredConsentStep(c *Ctx, f storage.Form) error {
	answer, err := consentAnswer(c)
	switch {
	case err != nil || answer == "full":
		return err
	case answer == "yes":
		if err := consentGiven(c); err != nil {
			return err
		}
		f.Step = "name"
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(c.T("name.ask", c.bot.roleText(c.tx, c.Lang, c.Me)))
	case answer == "no":
		return consentRefused(c, c.T("consent.nothing_kept_configured"))
	}
	return consentAgain(c)
}

// nameStep records the name, then does what the member first wrote.
func nameStep(c *Ctx, f storage.Form) error {
	if f.Step == joinConsent {
		return configuredConsentStep(c, f)
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Command != "" || c.Req.Text == "" {
		return c.Reply(c.T("name.ask", c.bot.roleText(c.tx, c.Lang, c.Me)))
	}
	m, err := c.tx.SetFullName(c.Req.UserID, c.Req.Text)
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	c.Me = m
	if err := c.Reply(c.T("name.saved", m.FullName)); err != nil {
		return err
	}
	then := formState[nameForm](f).Then
	if then == "" {
		return nil
	}
	// What they wrote first now goes where it was meant to.
	c.Req.Text, c.Req.Command, c.Req.Args = then, "", ""
	if strings.HasPrefix(then, "/") {
		cmd, args, _ := strings.Cut(then, " ")
		cmd, _, _ = strings.Cut(strings.TrimPrefix(cmd, "/"), "@")
		c.Req.Command, c.Req.Args = strings.ToLower(cmd), strings.TrimSpace(args)
	}
	return route(c)
}
