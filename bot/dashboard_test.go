package bot_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/dashboard"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

const dashboardURL = "https://thidua.example.vn/dashboard/"

func withDashboard(c *config.Config) {
	c.Dashboard.URL = dashboardURL
	c.HTTP.Listen = "" // the tests serve the handler themselves
}

// dashboardServer serves the bot's dashboard handler on a local port.
func (h *harness) dashboardServer() *httptest.Server {
	srv := httptest.NewServer(h.bot.DashboardHandler())
	h.t.Cleanup(srv.Close)
	return srv
}

// initData signs Telegram's launch data for u with the harness's token,
// issued now by the bot's clock.
func (h *harness) initData(u tgtest.User) string {
	return dashboard.Sign(h.cfg.Telegram.Token, dashboard.User{ID: u.ID, FirstName: u.FirstName, LanguageCode: u.LanguageCode}, h.clock.Now())
}

func getPage(t *testing.T, srv *httptest.Server, query, initData string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/page"+query, nil)
	if initData != "" {
		req.Header.Set("X-Telegram-Init-Data", initData)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// Bad input gets 401, 403 or 400, none of the figures, and changes
// nothing; a director and an admin get the page; no answer sets a cookie.
func TestDashboard_OnlyDirectorsAndAdminsWithFreshInitData(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm), withDashboard)
	h.acceptedIdea()
	srv := h.dashboardServer()
	stale := dashboard.Sign(h.cfg.Telegram.Token, dashboard.User{ID: director.ID}, h.clock.Now().Add(-61*time.Minute))
	otherBot := dashboard.Sign("7000000002:AAE-another-bot", dashboard.User{ID: director.ID}, h.clock.Now())
	forged := strings.Replace(h.initData(staffAn), "5001", "1002", 1)
	before := h.auditLen()
	for _, tc := range []struct {
		name, query, initData string
		status                int
		says                  string
	}{
		{"director", "?period=Q4/2026", h.initData(director), 200, "quý 4/2026"},
		{"admin, the quarter by default", "", h.initData(admin), 200, "quý 4/2026"},
		{"missing initData", "?period=Q4/2026", "", 401, "mở lại bảng điều hành"},
		{"forged", "?period=Q4/2026", forged, 401, "mở lại"},
		{"expired", "?period=Q4/2026", stale, 401, "mở lại"},
		{"another bot's", "?period=Q4/2026", otherBot, 401, "mở lại"},
		{"a staff member", "?period=Q4/2026", h.initData(staffAn), 403, "dành cho lãnh đạo Sở"},
		{"a head", "?period=Q4/2026", h.initData(headVP), 403, "dành cho lãnh đạo Sở"},
		{"in English for an English head", "", h.initData(headCNTT), 403, "is for the department"},
		{"a stranger", "", dashboard.Sign(h.cfg.Telegram.Token, dashboard.User{ID: 999}, h.clock.Now()), 403, "dành cho"},
		{"no such period", "?period=Q5/2026", h.initData(director), 400, "Không có kỳ này"},
		{"a 1 MB query string", "?period=" + strings.Repeat("Q", 1<<20), h.initData(director), 400, "Không có kỳ này"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body, header := getPage(t, srv, tc.query, tc.initData)
			if status != tc.status || !strings.Contains(body, tc.says) {
				t.Errorf("GET /api/page%.40s = %d %.200q; want %d saying %q", tc.query, status, body, tc.status, tc.says)
			}
			if status != 200 && (strings.Contains(body, "6.000.000") || strings.Contains(body, "Nguyễn Văn An")) {
				t.Errorf("a refusal leaks the figures: %.300q", body)
			}
			if header.Get("Set-Cookie") != "" || header.Get("Cache-Control") != "no-store" {
				t.Errorf("headers: Set-Cookie %q, Cache-Control %q", header.Get("Set-Cookie"), header.Get("Cache-Control"))
			}
		})
	}
	if after := h.auditLen(); after != before {
		t.Errorf("the dashboard's requests changed the records: %d audit entries, then %d", before, after)
	}
	// The page itself holds no data, and needs no initData.
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "app.js") || strings.Contains(string(page), "6.000.000") {
		t.Errorf("GET / = %d %.200q", resp.StatusCode, page)
	}
	if resp, _ := http.PostForm(srv.URL+"/api/page", url.Values{}); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/page = %d; want 405", resp.StatusCode)
	}
}

// Directors and admins get a menu button that opens the dashboard, and
// /summary a button; nobody else, and nothing without dashboard.url.
func TestDashboard_MenuButtonAndSummaryButton(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm), withDashboard)
	h.say(director, "/start")
	h.settle()
	for _, u := range []tgtest.User{director, admin} {
		if got := h.srv.MenuButton(u.ID); got != "web_app "+dashboardURL {
			t.Errorf("menu button of %d = %q; want the dashboard", u.ID, got)
		}
	}
	for _, u := range []tgtest.User{headVP, staffAn} {
		if got := h.srv.MenuButton(u.ID); got != "" {
			t.Errorf("menu button of %d = %q; want none", u.ID, got)
		}
	}
	sum := h.say(director, "/summary Q4/2026")
	if len(sum.Keyboard) != 1 || sum.Keyboard[0][0].WebApp != dashboardURL {
		t.Errorf("/summary's buttons = %+v; want one that opens the dashboard", sum.Keyboard)
	}

	plain := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	plain.say(director, "/start")
	if sum := plain.say(director, "/summary Q4/2026"); len(sum.Keyboard) != 0 || plain.srv.MenuButton(director.ID) != "" {
		t.Errorf("without dashboard.url: buttons %+v, menu %q", sum.Keyboard, plain.srv.MenuButton(director.ID))
	}
}

// auditLen counts the audit entries (every change writes one).
func (h *harness) auditLen() int {
	h.t.Helper()
	var n int
	h.db.View(func(tx *storage.Tx) error {
		list, err := tx.LatestAudit(1 << 20)
		n = len(list)
		return err
	})
	return n
}
