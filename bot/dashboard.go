package bot

import (
	"context"
	"net/http"

	"thiduabot/bot/texts"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/bot/dashboard"
	"thiduabot/storage"
)

// DashboardHandler serves the directors' dashboard (bot/dashboard) with
// the bot's token, database (and its clock), zone, language and the units' short
// names, so the page shows what /summary says, in the same words.
func (b *Bot) DashboardHandler() http.Handler {
	short := map[string]string{}
	for _, cu := range b.cfg.Units {
		if _, ok := short[cu.Code]; !ok && cu.Short != "" {
			short[cu.Code] = cu.Short // as shortName: the first unit of the code with one
		}
	}
	return dashboard.Handler(dashboard.Options{
		Token:    b.cfg.Telegram.Token,
		MaxAge:   b.cfg.Dashboard.MaxAge.D(),
		DB:       b.db,
		Log:      b.log,
		Loc:      b.loc,
		Language: b.cfg.Org.Language,
		Short:    short,
	})
}

// dashboardButton is the button that opens the dashboard, when there is
// one (dashboard.url set).
func (o *office) dashboardButton(lang string) [][]storage.Button {
	if o.cfg.Dashboard.URL == "" {
		return nil
	}
	return [][]storage.Button{{{Text: texts.T(lang, "dash.open"), WebApp: &storage.WebApp{URL: o.cfg.Dashboard.URL}}}}
}

// setMenuButtons gives each director and admin a menu button that opens
// the dashboard, in their chat with the bot (the others keep the list of
// commands), as setCommands scopes their menus.
func (b *Bot) setMenuButtons(ctx context.Context, people []storage.Member) {
	if b.cfg.Dashboard.URL == "" {
		return
	}
	for _, m := range people {
		if !m.IsDirector() && !m.IsAdmin() {
			continue
		}
		_, err := b.client.SetChatMenuButton(ctx, &tg.SetChatMenuButtonParams{ChatID: m.UserID, MenuButton: models.MenuButtonWebApp{
			Type: models.MenuButtonTypeWebApp, Text: texts.T(b.langOf(m), "dash.menu"), WebApp: models.WebAppInfo{URL: b.cfg.Dashboard.URL},
		}})
		if err != nil {
			b.log.Warn("setChatMenuButton", "err", b.redact(err.Error()))
		}
	}
}
