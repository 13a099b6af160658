package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// formJoin is the form of a person asking to join a unit: their consent
// to the processing of their personal data, then their full name.
const formJoin = "join"

// The steps of formJoin.
const (
	joinConsent = "consent"
	joinName    = "name"
)

// cmdStart welcomes a person; with an invite code (the deep link
// t.me/<bot>?start=<code>) it starts their request to join the unit.
func cmdStart(c *Ctx) error {
	if code := strings.TrimSpace(c.Req.Args); code != "" {
		inv, err := c.tx.UseInvite(code)
		if err != nil {
			return err
		}
		unit, err := c.tx.ExistingUnit(inv.Unit)
		if err != nil {
			return err
		}
		if c.Me.IsStaff() {
			return c.Reply(c.T("join.already", unit.Name))
		}
		if c.Me.ConsentAt.IsZero() {
			// Told what is stored and why, and asked, before anything is.
			if err := c.saveForm(formJoin, joinConsent, joinForm{Unit: unit.Code}); err != nil {
				return err
			}
			return c.Reply(c.bot.consentNotice(c.Lang, false), consentButtons(c.Lang, false)...)
		}
		if err := c.saveForm(formJoin, joinName, joinForm{Unit: unit.Code}); err != nil {
			return err
		}
		return c.Reply(c.T("join.ask_name", unit.Name))
	}
	switch {
	case c.Me.Status == storage.StatusPending:
		unit, _, err := c.tx.Unit(c.Me.Unit)
		if err != nil {
			return err
		}
		return c.Reply(c.T("start.pending", unit.Name))
	case c.Me.Active():
		return c.Reply(c.T("start.member", displayName(c.Lang, c.Me), texts.HTML(c.bot.roleText(c.tx, c.Lang, c.Me))))
	}
	return c.Reply(c.T("start.guest", c.Req.TGName, c.bot.cfg.Org.Movement, c.bot.cfg.Org.Name))
}

// roleText says, in lang, what a member is: "trưởng đơn vị Văn phòng Sở".
func (o *office) roleText(tx *storage.Tx, lang string, m storage.Member) string {
	var parts []string
	if m.IsDirector() {
		parts = append(parts, texts.T(lang, "role.director"))
	}
	if m.IsAdmin() {
		parts = append(parts, texts.T(lang, "role.admin"))
	}
	if m.IsStaff() {
		unit, _, _ := tx.Unit(m.Unit)
		key := "role.staff"
		if m.IsHead(m.Unit) {
			key = "role.head"
		}
		if title := o.headTitle(m.Unit); key == "role.head" && title != "" {
			parts = append(parts, withUnit(title, unit.Name)) // Chánh Văn phòng Sở
		} else {
			parts = append(parts, texts.T(lang, key, unit.Name))
		}
	}
	if len(parts) == 0 {
		return texts.T(lang, "role.guest")
	}
	return strings.Join(parts, ", ")
}

// consentNotice tells a newcomer what the bot stores about them and why
// (Law 91/2025/QH15), before asking their consent: five short lines that
// fit a phone's screen, and the whole text behind a button.
func (o *office) consentNotice(lang string, full bool) string {
	if full {
		return texts.T(lang, "consent.full", o.cfg.Org.Name)
	}
	return texts.T(lang, "consent.notice", o.cfg.Org.Name)
}

// consentButtons answer the notice; the short one also opens the whole.
func consentButtons(lang string, full bool) [][]storage.Button {
	kb := [][]storage.Button{{{Text: texts.T(lang, "consent.yes"), Data: data(actForm, "yes")}, {Text: texts.T(lang, "consent.no"), Data: data(actForm, "no")}}}
	if !full {
		kb = append(kb, []storage.Button{{Text: texts.T(lang, "consent.btn_full"), Data: data(actForm, "full")}})
	}
	return kb
}

// consentAnswer reads an answer to the notice: "full" shows the whole
// text in its place; anything else is returned to the step that asked.
func consentAnswer(c *Ctx) (answer string, err error) {
	answer = formAnswer(c)
	if answer == "full" {
		return answer, c.Edit(c.bot.consentNotice(c.Lang, true), consentButtons(c.Lang, true)...)
	}
	return answer, nil
}

// joinForm is what the form of joining holds: the unit joined.
type joinForm struct {
	Unit string `json:"unit,omitempty"`
}

// consentStep takes a newcomer's answer: a consent is recorded and their
// name asked; a refusal ends the request, and nothing of them is kept.
func consentStep(c *Ctx, f storage.Form) error {
	unit, err := c.tx.ExistingUnit(formState[joinForm](f).Unit)
	if err != nil {
		return err
	}
	answer, err := consentAnswer(c)
	switch {
	case err != nil || answer == "full":
		return err
	case answer == "yes":
		if err := consentGiven(c); err != nil {
			return err
		}
		if err := c.saveForm(formJoin, joinName, joinForm{Unit: unit.Code}); err != nil {
			return err
		}
		return c.Reply(c.T("join.ask_name", unit.Name))
	case answer == "no":
		return consentRefused(c, c.T("consent.nothing_kept", unit.Name))
	}
	return consentAgain(c)
}

// consentGiven records the consent just given and leaves the notice in
// the chat with the answer under it.
func consentGiven(c *Ctx) error {
	if _, err := c.tx.GiveConsent(c.Req.UserID, c.Req.TGName, c.Req.Username); err != nil {
		return err
	}
	return c.Edit(c.bot.consentNotice(c.Lang, false) + c.T("consent.given"))
}

// consentRefused records that the person refused the notice, shows the
// notice refused and says what is kept of them (nothing, in the words of
// their case).
func consentRefused(c *Ctx, nothingKept string) error {
	if err := c.tx.RefuseConsent(c.Req.UserID); err != nil {
		return err
	}
	if err := c.Edit(c.bot.consentNotice(c.Lang, false) + c.T("consent.refused")); err != nil {
		return err
	}
	return c.Reply(nothingKept)
}

// consentAgain answers what is not one of the notice's buttons: an old
// button is stale, anything typed gets the question again.
func consentAgain(c *Ctx) error {
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	return c.Reply(c.T("consent.choose"), consentButtons(c.Lang, false)...)
}

// joinStep takes a joining person's answers: their consent first, then
// their full name, which it records as the request and sends to the
// unit's heads (to the admins when the unit has none, or when a head
// cannot be reached).
func joinStep(c *Ctx, f storage.Form) error {
	if f.Step == joinConsent {
		return consentStep(c, f)
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Text == "" || c.Req.Command != "" {
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
	}
	name, position := splitNamePosition(c.Req.Text)
	m, err := c.tx.RequestJoinAs(c.Req.UserID, formState[joinForm](f).Unit, name, position)
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	unit, err := c.tx.ExistingUnit(m.Unit)
	if err != nil {
		return err
	}
	if err := c.Reply(c.T("join.sent", unit.Name)); err != nil {
		return err
	}
	admins, err := c.tx.Admins()
	if err != nil {
		return err
	}
	heads, err := c.tx.UnitHeads(unit.Code)
	if err != nil {
		return err
	}
	deciders := heads
	if len(deciders) == 0 {
		for _, id := range admins {
			a, _, err := c.tx.Member(id)
			if err != nil {
				return err
			}
			deciders = append(deciders, a)
		}
	}
	if len(deciders) == 0 {
		c.bot.log.Warn("a join request has nobody to decide it: the unit has no head and there is no admin", "unit", unit.Code)
	}
	uid := strconv.FormatInt(m.UserID, 10)
	for _, d := range deciders {
		lang := c.bot.langOf(d)
		text := texts.T(lang, "join.request", unit.Name, m.FullName, joinTGName(m), c.bot.at(c.tx.Now())) + c.bot.positionLine(lang, m)
		kb := joinButtons(lang, uid)
		if err := c.bot.send(c.tx, d.UserID, text, [][]storage.Button{kb}, without(admins, d.UserID)); err != nil {
			return err
		}
	}
	return nil
}
