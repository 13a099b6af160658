package bot

import (
	"context"
	"strings"

	"thiduabot/bot/texts"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// offered is what /help and the command menu list for a set of roles, in
// a private chat or in the group.
func offered(a audience, group bool) []*command {
	var out []*command
	for i := range commandList {
		if cmd := &commandList[i]; cmd.who&a != 0 && (cmd.group || !group) {
			out = append(out, cmd)
		}
	}
	return out
}

// cmdHelp lists what the user can do in their role.
func cmdHelp(c *Ctx) error {
	var text strings.Builder
	text.WriteString(c.T("help.title", c.bot.cfg.Org.Name))
	for _, cmd := range offered(audienceOf(c.Me), c.Req.Group) {
		text.WriteString("\n/" + cmd.name + " – " + c.T("cmd."+cmd.name))
	}
	text.WriteString(c.T("help.footer"))
	return c.Reply(text.String())
}

// menu is the command menu for a set of roles in one language.
func menu(a audience, group bool, lang string) []models.BotCommand {
	var out []models.BotCommand
	for _, cmd := range offered(a, group) {
		out = append(out, models.BotCommand{Command: cmd.name, Description: plainText(texts.T(lang, "cmd."+cmd.name))})
	}
	return out
}

// setCommands registers the command menus: by role where Telegram allows
// (guests by default, members in private chats, the group's own, and each
// head, director and admin by chat), in Vietnamese and English.
func (b *Bot) setCommands(ctx context.Context) {
	set := func(scope models.BotCommandScope, a audience, group bool) {
		for _, lang := range texts.Languages {
			code := lang
			if lang == texts.Languages[0] {
				code = "" // the default for every language without its own list
			}
			_, err := b.client.SetMyCommands(ctx, &tg.SetMyCommandsParams{Commands: menu(a, group, lang), Scope: scope, LanguageCode: code})
			if err != nil {
				b.log.Warn("setMyCommands", "err", b.redact(err.Error()))
			}
		}
	}
	set(&models.BotCommandScopeDefault{}, forGuest, false)
	set(&models.BotCommandScopeAllPrivateChats{}, forStaff, false)
	set(&models.BotCommandScopeAllGroupChats{}, forAll, true)
	var special []storage.Member
	err := b.db.View(func(tx *storage.Tx) error {
		return tx.Members(func(m storage.Member) bool {
			if m.IsHead("") || m.IsDirector() || m.IsAdmin() {
				special = append(special, m)
			}
			return true
		})
	})
	if err != nil {
		// The shared menus are set; the per-person ones wait for the next start.
		b.log.Error("setMyCommands: reading the heads, directors and admins", "err", err)
	}
	for _, m := range special {
		set(&models.BotCommandScopeChat{ChatID: m.UserID}, audienceOf(m), false)
	}
	b.setMenuButtons(ctx, special)
}
