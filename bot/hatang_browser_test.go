package bot_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestHatang_DashboardInABrowser: after two quarters reported, the
// dashboard's infrastructure section, drawn in headless Chromium, shows a
// row per unit's indicator with the actual and plan the records give,
// and a bar per work.
func TestHatang_DashboardInABrowser(t *testing.T) {
	ctx := browser(t, 1280, 900)
	h := newInfraHarness(t, withDashboard)
	h.reportTwoQuarters()
	h.clock.Set(on(time.July, 2, 12, 0))
	h.say(director, "/start")
	want := recomputeInfra(t, h, h.clock.Now())
	srv := h.dashboardServer()
	err := chromedp.Do(ctx, chromedp.Navigate(strings.Replace(miniAppURL(srv.URL, h.initData(director)), "/#", "/?period=2026#", 1)), chromedp.WaitVisible(`html[data-loaded="1"] main[data-status]`))
	if err != nil {
		t.Fatalf("the page did not load: %v", err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('#chart-infra li[data-indicator]')].map(e => [e.dataset.indicator, e.dataset.now]))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != want.indicators {
		t.Errorf("the page shows %d indicator rows; want %d: %v", len(rows), want.indicators, rows)
	}
	for key, now := range want.now {
		got, _ := strconv.ParseFloat(rows[key], 64)
		if got != now {
			t.Errorf("the page shows %s = %q; the records say %v", key, rows[key], now)
		}
	}
	if n := count(t, ctx, "#chart-infra rect.plan"); n != want.indicators {
		t.Errorf("%d plan marks; want %d", n, want.indicators)
	}
	if n := count(t, ctx, "#chart-infra ul.bars li.pace-behind, #chart-infra ul.bars li.pace-on, #chart-infra ul.bars li.pace-ahead"); n != want.indicators+want.works {
		t.Errorf("%d rows in the section; want %d indicators and %d works", n, want.indicators, want.works)
	}
	dir := os.Getenv("THIDUABOT_SCREENSHOTS")
	if dir == "" {
		dir, _ = os.MkdirTemp("", "thiduabot-dashboard-")
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "dashboard-infra-1280.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
