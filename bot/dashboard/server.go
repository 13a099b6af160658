// Package dashboard serves the directors' dashboard: a Telegram Mini App
// that shows, for a month, quarter or year chosen on the page, the same
// Figures as /summary, drawn as SVG on the server.
//
// The page itself (index.html, app.js, app.css, embedded) holds no data.
// Its one data request, GET api/page?period=…, carries Telegram's initData
// in the X-Telegram-Init-Data header; the server checks its signature and
// age (Verify) and the stored role of the user it names, and answers with
// the page's content as HTML, or a refusal: 401 for missing, forged or
// expired initData, 403 for anyone but directors and admins, 400 for a
// period that does not exist or an oversized request. No cookies, no
// sessions: every request proves itself.
package dashboard

import (
	"embed"
	"html"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"thiduabot/bot/period"
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

//go:embed assets
var assets embed.FS

// maxQuery bounds a data request's query string: a period is a few bytes.
const maxQuery = 256

// Options are what the dashboard needs from the bot, as plain values: its
// token, the database (whose clock is the bot's one clock), and what the
// configuration says of the organisation, so the page and the chat speak
// alike.
type Options struct {
	Token  string
	MaxAge time.Duration
	DB     *storage.DB
	Log    *slog.Logger

	// Loc is the organisation's zone: periods and times are read and
	// written in it.
	Loc *time.Location
	// Language is the organisation's, for a member who chose none.
	Language string
	// Short are the units' names that fit a chart's label, by code (a
	// unit not in it is labelled by its code).
	Short map[string]string
}

// Handler serves the page and its data.
func Handler(o Options) http.Handler {
	static, _ := fs.Sub(assets, "assets")
	files := http.FileServer(http.FS(static))
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", files)
	mux.Handle("GET /app.js", files)
	mux.Handle("GET /app.css", files)
	mux.HandleFunc("GET /api/page", o.servePage)
	return secure(mux)
}

// secure sets the headers every answer carries: nothing is cached or
// framed but by Telegram, and the page runs only its own script and
// Telegram's.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org https://*.telegram.org")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// servePage answers a data request: the page's content for a period.
func (o Options) servePage(w http.ResponseWriter, r *http.Request) {
	// The language of a refusal, before anything is trusted: the one the
	// client claims (it reveals nothing).
	lang := claimedLang(r.Header.Get("X-Telegram-Init-Data"))
	if len(r.URL.RawQuery) > maxQuery {
		o.refuse(w, lang, http.StatusBadRequest)
		return
	}
	user, err := Verify(r.Header.Get("X-Telegram-Init-Data"), o.Token, o.DB.Now(), o.MaxAge)
	if err != nil {
		o.refuse(w, lang, http.StatusUnauthorized)
		return
	}
	span, perr := o.period(r.URL.Query().Get("period"))
	var page []byte
	status := http.StatusOK
	err = o.DB.View(func(tx *storage.Tx) error {
		m, ok, err := tx.Member(user.ID)
		if err != nil {
			return err
		}
		if !ok || !(m.IsDirector() || m.IsAdmin()) {
			status = http.StatusForbidden
			return nil
		}
		lang = o.lang(m)
		if perr != nil {
			status = http.StatusBadRequest
			return nil
		}
		fig, err := tx.Figures(span)
		if err != nil {
			return err
		}
		v, err := o.view(tx, lang, span, fig)
		if err != nil {
			return err
		}
		page, err = render(v)
		return err
	})
	switch {
	case err != nil:
		o.Log.Error("dashboard page", "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	case status != http.StatusOK:
		o.refuse(w, lang, status)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}
}

// refuse answers with a refusal the page shows as it is, and no data.
func (o Options) refuse(w http.ResponseWriter, lang string, status int) {
	key := map[int]string{http.StatusBadRequest: "dash.refused_400", http.StatusUnauthorized: "dash.refused_401", http.StatusForbidden: "dash.refused_403"}[status]
	page, err := renderRefusal(refusal{Status: status, Title: o.text(lang, "dash.title"), Text: o.text(lang, key)})
	if err != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(page)
}

// claimedLang is the language the initData says its user has, unchecked:
// only for choosing the words of a refusal.
func claimedLang(initData string) string {
	if i := strings.Index(initData, "language_code%22%3A%22en"); i >= 0 {
		return "en"
	}
	return "vi"
}

// The bot's own grammar of periods and its catalogue, as the page says
// them: period reads a period ("" is the quarter around now), written
// writes one back in the shortest form it reads, periodName says it
// ("quý 4/2026"); text is a catalogue's text, unescaped (the page's
// templates escape); money writes an amount in full ("3.200.000 đ"), at a
// moment in the organisation's zone.
func (o Options) period(arg string) (storage.Span, error) {
	return period.Parse(arg, o.DB.Now(), o.Loc, storage.Quarter)
}
func (o Options) written(s storage.Span) string                 { return period.Written(s) }
func (o Options) periodName(lang string, s storage.Span) string { return period.Name(lang, s) }
func (o Options) text(lang, key string, args ...any) string {
	return html.UnescapeString(texts.T(lang, key, args...))
}
func (o Options) money(lang string, v int64) string { return texts.FormatVND(lang, v) }

// lang is the language m reads, as the bot's: their own, else the
// organisation's.
func (o Options) lang(m storage.Member) string {
	if m.Lang != "" {
		return m.Lang
	}
	return o.Language
}

// short is a unit's name as it fits a chart's label.
func (o Options) short(code string) string {
	if s, ok := o.Short[code]; ok {
		return s
	}
	return code
}
func (o Options) at(lang string, t time.Time) string { return texts.FormatTime(lang, t, o.Loc) }
