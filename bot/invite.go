package bot

import "strings"

// cmdInvite makes a fresh invite link: heads for their own unit, admins for
// any unit they name.
func (b *Bot) cmdInvite(c *Ctx) error {
	code := strings.ToUpper(strings.TrimSpace(c.Req.Args))
	if code == "" && c.Me.IsHead("") {
		code = c.Me.Unit
	}
	if code == "" {
		return b.unitUsage(c, "invite.usage")
	}
	inv, err := c.CreateInvite(c.Me, code)
	if err != nil {
		return err
	}
	unit, err := c.ExistingUnit(inv.Unit)
	if err != nil {
		return err
	}
	link := "https://t.me/" + b.username + "?start=" + inv.Code
	return c.Reply(c.T("invite.link", unit.Name, FormatTime(inv.ExpiresAt, b.loc), link))
}

func (b *Bot) unitUsage(c *Ctx, key string) error {
	units, err := c.Units()
	if err != nil {
		return err
	}
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code+" ("+u.Name+")")
	}
	return c.Reply(c.T(key, strings.Join(codes, ", ")))
}
