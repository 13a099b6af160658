package bot_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"thiduabot/bot/config"
	"thiduabot/bot/dashboard"
)

// The dashboard's benchmarks run on the large database (see bigBot):
//
//	THIDUABOT_BIGDB=/tmp/big.db go test ./bot/ -run '^$' -bench Dashboard
//
// The first opening of a file older than schema 7 recounts it (a minute).
func bigDashboard(b *testing.B) (http.Handler, string) {
	bt, _, cfg := bigBotWith(b, func(c *config.Config) { c.Dashboard.URL = "https://thidua.example.vn/" })
	now := bt.Now()
	return bt.DashboardHandler(), dashboard.Sign(cfg.Telegram.Token, dashboard.User{ID: 1002, FirstName: "Minh", LanguageCode: "vi"}, now)
}

// BenchmarkDashboard_YearPageData is a director's request for a year's
// page, on the server: initData checked, the role read, the Figures, the
// charts and the HTML.
func BenchmarkDashboard_YearPageData(b *testing.B) {
	h, initData := bigDashboard(b)
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/api/page?period=2026", nil)
		req.Header.Set("X-Telegram-Init-Data", initData)
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET /api/page = %d", rec.Code)
		}
	}
}

// BenchmarkDashboard_PageDrawnInChromium is the page opened in headless
// Chromium until the year's figures and charts are drawn.
func BenchmarkDashboard_PageDrawnInChromium(b *testing.B) {
	h, initData := bigDashboard(b)
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	ctx := browser(b, 1280, 900)
	i := 0
	for b.Loop() {
		i++
		err := chromedp.Do(ctx, chromedp.Navigate(miniAppURL(fmt.Sprintf("%s/?period=2026&n=%d", srv.URL, i), initData)),
			chromedp.WaitVisible(`html[data-loaded="1"] main[data-status="200"] #chart-months rect.bar`))
		if err != nil {
			b.Fatal(err)
		}
	}
}
