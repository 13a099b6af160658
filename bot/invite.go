package bot

import (
	"strings"

	"thiduabot/storage"
)

// cmdInvite makes a fresh invite link: heads for their own unit, admins for
// the unit they name or pick from the buttons.
func cmdInvite(c *Ctx) error {
	code := strings.ToUpper(strings.TrimSpace(c.Req.Args))
	if code == "" && c.Me.IsHead("") {
		code = c.Me.Unit
	}
	if code == "" {
		return pickUnit(c, "invite.pick", actInvite)
	}
	return invite(c, code)
}

// onInviteButton makes the invite link of the unit pressed.
func onInviteButton(c *Ctx, code string) error {
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	return invite(c, code)
}

func invite(c *Ctx, code string) error {
	inv, err := c.tx.CreateInvite(c.Me, code)
	if err != nil {
		return err
	}
	unit, err := c.tx.ExistingUnit(inv.Unit)
	if err != nil {
		return err
	}
	link := "https://t.me/" + c.bot.username + "?start=" + inv.Code
	return c.Reply(c.T("invite.link", unit.Name, c.bot.at(inv.ExpiresAt), link))
}

// pickUnit offers the units as buttons, for a command given none.
func pickUnit(c *Ctx, key, action string) error {
	units, err := c.tx.Units()
	if err != nil {
		return err
	}
	var kb [][]storage.Button
	var row []storage.Button
	for _, u := range units {
		row = append(row, storage.Button{Text: c.bot.shortName(u), Data: data(action, u.Code)})
		if len(row) == 3 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	return c.Reply(c.T(key), kb...)
}
