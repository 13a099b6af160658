package bot_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thiduabot/bot/tgtest"
)

// chromium finds a headless-capable Chromium (Debian's package is
// "chromium"), or "" when there is none.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium that asks no site but this machine:
// Telegram's Mini App script is blocked, so the page is shown working
// without it, from the initData in its URL's fragment.
func browser(t testing.TB, width, height int) context.Context {
	path := chromium()
	if path == "" {
		t.Skip("no Chromium on this machine (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(width, height),
		chromedp.Flag("lang", "vi-VN"), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// miniAppURL is the page as Telegram opens it: the launch data in the
// fragment.
func miniAppURL(base, initData string) string {
	return base + "/#tgWebAppData=" + url.QueryEscape(initData) + "&tgWebAppVersion=8.0&tgWebAppPlatform=android"
}

// pageFigures reads the headline figures the page shows, by their keys.
func pageFigures(t *testing.T, ctx context.Context) (map[string]int64, map[string]string) {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(e => [e.dataset.figure, e.dataset.value]))`))
	if err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(e => [e.dataset.figure, (e.querySelector('.full') || e.querySelector('.value')).textContent]))`))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for k, v := range raw {
		out[k], _ = strconv.ParseInt(v, 10, 64)
	}
	return out, shown
}

func count(t *testing.T, ctx context.Context, selector string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, selector)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDashboard_InABrowser drives headless Chromium through the page a
// director opens from Telegram: the charts are drawn with a bar a datum,
// the figures are /summary's for the same period, the period buttons
// change them, and a staff member's initData gets the refusal. It saves
// screenshots at 360 and 1280 px wide and says where.
func TestDashboard_InABrowser(t *testing.T) {
	ctx := browser(t, 360, 800)
	h := newHarnessAt(t, time.Date(2026, 1, 5, 9, 0, 0, 0, hcm), withDashboard)
	h.figureEvents(rand.New(rand.NewPCG(4, 13)), 200)
	h.say(director, "/start")
	srv := h.dashboardServer()
	now := h.clock.Now().In(hcm)
	quarter := fmt.Sprintf("Q%d/2026", (int(now.Month())+2)/3)

	loaded := func(n int) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(fmt.Sprintf(`html[data-loaded="%d"] main[data-status]`, n))
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(miniAppURL(srv.URL, h.initData(director))), loaded(1)); err != nil {
		t.Fatalf("the page did not load: %v", err)
	}
	check := func(period string, months int) map[string]int64 {
		t.Helper()
		summary := h.sayLong(director, "/summary "+period, "Phản ánh lãng phí đang xử lý")
		got, shown := pageFigures(t, ctx)
		for _, c := range []struct{ key, line string }{
			{"ideas", "Sáng kiến:"},
			{"estimated", "Ước tính (sáng kiến còn hiệu lực):"},
			{"saved_ideas", "Thực tế trong kỳ theo tiến độ sáng kiến:"},
			{"saved_reports", "Thực tế trong kỳ theo báo cáo của đơn vị:"},
			{"open_waste", "Phản ánh lãng phí đang xử lý:"},
		} {
			line, _ := lineAfter(summary, c.line)
			if want := nums(line); len(want) == 0 || got[c.key] != want[0] {
				t.Errorf("%s: the page shows %s = %d; /summary says %v", period, c.key, got[c.key], want)
			}
			if c.key != "ideas" && c.key != "open_waste" && !strings.Contains(line, shown[c.key]) {
				t.Errorf("%s: the page writes %s as %q; /summary as %q", period, c.key, shown[c.key], line)
			}
		}
		var periods int
		for _, l := range strings.Split(summary, "\n") {
			// The periods in the span: the test's single deadlines and, since
			// a period opens at the previous occurrence, the quarter's.
			if strings.HasPrefix(l, "Báo cáo đợt (") || strings.HasPrefix(l, "Báo cáo quý (") {
				periods++
			}
		}
		for _, c := range []struct {
			selector string
			want     int
		}{
			{"#chart-status rect.bar", 12}, // one a status (storage.IdeaStatuses)
			{"#chart-theme rect.bar", 2},
			{"#chart-months svg rect.bar", 3 * months},
			{"#chart-targets rect.bar", len(h.cfg.Units)},
			{"#chart-reports rect.bar", 4 * periods},
		} {
			if n := count(t, ctx, c.selector); n != c.want {
				t.Errorf("%s: %d bars in %s; want %d", period, n, c.selector, c.want)
			}
		}
		if n := count(t, ctx, "#top-members rect.bar"); n == 0 || n > 10 {
			t.Errorf("%s: %d members ranked; want 1 to 10", period, n)
		}
		return got
	}
	dir := os.Getenv("THIDUABOT_SCREENSHOTS")
	if dir == "" {
		dir, _ = os.MkdirTemp("", "thiduabot-dashboard-")
	}
	shot := func(name string, width int) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}

	byQuarter := check(quarter, 3)
	shot("dashboard-quarter-360.png", 360)
	shot("dashboard-quarter-1280.png", 1280)
	if err := chromedp.Do(ctx, chromedp.Click(`button[data-period="2026"]`), loaded(2)); err != nil {
		t.Fatalf("switching to the year: %v", err)
	}
	byYear := check("2026", 12)
	if byYear["ideas"] <= byQuarter["ideas"] {
		t.Errorf("switching from %s to the year left the ideas at %d (was %d)", quarter, byYear["ideas"], byQuarter["ideas"])
	}
	shot("dashboard-year-1280.png", 1280)
	shot("dashboard-year-360.png", 360)

	// A staff member's valid initData: the refusal, and no figure.
	err := chromedp.Do(ctx, chromedp.Navigate(miniAppURL(srv.URL+"/?as=staff", h.initData(staffAnOf(h)))), chromedp.WaitVisible(`main[data-status="403"]`))
	if err != nil {
		t.Fatalf("the staff member's page: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text("main"))
	if err != nil {
		t.Fatalf("the staff member's page: %v", err)
	}
	if !strings.Contains(text, "dành cho lãnh đạo Sở") || count(t, ctx, "[data-figure]") != 0 {
		t.Errorf("a staff member sees %q", text)
	}
	shot("dashboard-refused-360.png", 360)
}

// staffAnOf is a staff member of the property test's organisation.
func staffAnOf(*harness) tgtest.User {
	return tgtest.User{ID: 5001, FirstName: "Cán bộ A", LanguageCode: "vi"}
}
