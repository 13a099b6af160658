package bot

import (
	"strings"

	"thiduabot/storage"
)

// cmdInvite makes a fresh invite link: heads for their own unit, admins for
// the unit they name or pick from the buttons.
func (b *Bot) cmdInvite(c *Ctx) error {
	code := strings.ToUpper(strings.TrimSpace(c.Req.Args))
	if code == "" && c.Me.IsHead("") {
		code = c.Me.Unit
	}
	if code == "" {
		return b.pickUnit(c, "invite.pick", actInvite)
	}
	return b.invite(c, code)
}

// onInviteButton makes the invite link of the unit pressed.
func (b *Bot) onInviteButton(c *Ctx, code string) error {
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	return b.invite(c, code)
}

func (b *Bot) invite(c *Ctx, code string) error {
	inv, err := c.CreateInvite(c.Me, code)
	if err != nil {
		return err
	}
	unit, err := c.ExistingUnit(inv.Unit)
	if err != nil {
		return err
	}
	link := "https://t.me/" + b.username + "?start=" + inv.Code
	return c.Reply(c.T("invite.link", unit.Name, b.at(inv.ExpiresAt), link))
}

// pickUnit offers the units as buttons, for a command given none.
func (b *Bot) pickUnit(c *Ctx, key, action string) error {
	units, err := c.Units()
	if err != nil {
		return err
	}
	var kb [][]storage.Button
	var row []storage.Button
	for _, u := range units {
		row = append(row, storage.Button{Text: b.shortName(u), Data: data(action, u.Code)})
		if len(row) == 3 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	return c.Reply(c.T(key), kb...)
}
