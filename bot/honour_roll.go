package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The honour roll (bảng vinh danh) and what a person's card and /mydata
// say of their commendations: read from the decisions on record
// (honour.go).

// roll is the honour roll of year in lang: the decisions on record, by
// form (the higher first), collectives then persons; "" when none.
func (o *office) roll(tx *storage.Tx, lang string, year int) (string, error) {
	honours, err := tx.Honours(year)
	if err != nil {
		return "", err
	}
	var text strings.Builder
	found := false
	for _, a := range []storage.Award{storage.AwardBangKhenBo, storage.AwardBangKhen, storage.AwardGiayKhen} {
		var lines []string
		for _, unitsFirst := range []bool{true, false} {
			for _, h := range honours {
				if h.Decision == nil || h.Decision.Form != a || (h.Subject.Unit != "") != unitsFirst {
					continue
				}
				name := h.Subject.Unit
				if h.Subject.Member != 0 {
					m, _, err := tx.Member(h.Subject.Member)
					if err != nil {
						return "", err
					}
					name = texts.T(lang, "law.roll.comrade", o.comrade(tx, lang, m))
				} else if u, ok, _ := tx.Unit(h.Subject.Unit); ok {
					name = u.Name
				}
				lines = append(lines, texts.T(lang, "law.roll.line", name, h.Decision.No, formatDate(h.Decision.Date, o.loc)))
			}
		}
		if len(lines) > 0 {
			found = true
			text.WriteString(texts.T(lang, "law.roll.award", o.awardName(lang, a)))
			text.WriteString(strings.Join(lines, ""))
		}
	}
	if !found {
		return "", nil
	}
	return texts.T(lang, "law.roll.title", year) + text.String() + texts.T(lang, "law.roll.end"), nil
}

// rollPreview shows the honour roll as the group will read it.
func rollPreview(c *Ctx, year int) error {
	text, err := c.bot.roll(c.tx, c.bot.cfg.Org.Language, year)
	if err != nil {
		return err
	}
	if text == "" {
		return c.Reply(c.T("law.roll.empty", year))
	}
	y := strconv.Itoa(year)
	return c.Reply(c.T("law.roll.preview", texts.HTML(text)), []storage.Button{
		{Text: c.T("law.btn.post"), Data: data(actHonour, "R", y)},
		{Text: c.T("idea.cancel"), Data: data(actHonour, "x", y)},
	})
}

// postRoll posts the honour roll to the staff group, as previewed.
func postRoll(c *Ctx, year int) error {
	text, err := c.bot.roll(c.tx, c.bot.cfg.Org.Language, year)
	if err != nil {
		return err
	}
	if text == "" {
		return c.Reply(c.T("law.roll.empty", year))
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	if c.bot.cfg.Telegram.GroupChatID != 0 {
		if err := c.bot.send(c.tx, c.bot.cfg.Telegram.GroupChatID, text, nil, nil); err != nil {
			return err
		}
	}
	if err := c.tx.RecordHonourRoll(c.Me, year); err != nil {
		return err
	}
	return c.Reply(c.T("law.roll.posted", year))
}

// honoursText lists the commendations m received, for their card and
// /mydata; "" for none.
func (o *office) honoursText(tx *storage.Tx, lang string, m storage.Member) (string, error) {
	honours, err := tx.HonoursOf(m.UserID)
	if err != nil || len(honours) == 0 {
		return "", err
	}
	var items []string
	for _, h := range honours {
		items = append(items, texts.T(lang, "law.honour.item", o.awardName(lang, h.Decision.Form), h.Year, h.Decision.No, formatDate(h.Decision.Date, o.loc)))
	}
	return strings.Join(items, "; "), nil
}
