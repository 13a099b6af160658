package bot

import (
	"strings"

	"thiduabot/storage"
)

// cmdLang sets the interface language.
func cmdLang(c *Ctx) error {
	lang := strings.ToLower(strings.TrimSpace(c.Req.Args))
	if lang != "vi" && lang != "en" {
		return c.Reply(c.T("lang.usage"), []storage.Button{{Text: "Tiếng Việt", Data: data(actLang, "vi")}, {Text: "English", Data: data(actLang, "en")}})
	}
	if err := c.tx.SetLang(c.Req.UserID, lang); err != nil {
		return err
	}
	c.Lang = lang
	return c.Reply(c.T("lang.set"))
}

// onLangButton sets the language a button names.
func onLangButton(c *Ctx, lang string) error {
	c.Req.Args = lang
	return cmdLang(c)
}
