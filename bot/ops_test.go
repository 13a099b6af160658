package bot_test

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestOps_HealthAndMetrics(t *testing.T) {
	addr := freeAddr(t)
	h := newHarness(t, func(c *config.Config) { c.HTTP.Listen = addr })
	h.say(admin, "/start")
	h.say(admin, "/invite VP")
	h.settle()
	// The sender counts a message once its outcome is stored, just after
	// the outbox empties: wait for the count, not a moment.
	if err := h.srv.WaitFor(wait, func() bool { return h.bot.Sender().Stats().Sent >= 2 }); err != nil {
		t.Fatalf("sent = %d; want at least 2", h.bot.Sender().Stats().Sent)
	}
	var resp *http.Response
	err := h.srv.WaitFor(wait, func() bool {
		var err error
		resp, err = http.Get("http://" + addr + "/healthz")
		return err == nil
	})
	if err != nil {
		t.Fatal("no health endpoint")
	}
	var health map[string]any
	json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if resp.StatusCode != 200 || health["database"] != "ok" || health["last_intake"] == nil {
		t.Errorf("healthz = %d %v", resp.StatusCode, health)
	}
	resp, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("metrics do not parse: %v", err)
	}
	for _, name := range []string{"thiduabot_updates_total", "thiduabot_update_seconds", "thiduabot_outbox_backlog", "thiduabot_outbox_oldest_seconds",
		"thiduabot_messages_sent_total", "thiduabot_telegram_429_total", "thiduabot_reminders_sent_total", "thiduabot_backup_age_seconds"} {
		if families[name] == nil {
			t.Errorf("no metric %s", name)
		}
	}
	if f := families["thiduabot_updates_total"]; f != nil {
		total := 0.0
		for _, m := range f.Metric {
			total += m.GetCounter().GetValue()
		}
		if total < 2 {
			t.Errorf("updates counted: %v; want at least 2", total)
		}
	}
	if f := families["thiduabot_messages_sent_total"]; f != nil && f.Metric[0].GetCounter().GetValue() < 2 {
		t.Errorf("messages sent: %v; want at least 2", f.Metric[0].GetCounter().GetValue())
	}
	// The backup endpoint hands over a copy that passes the check.
	resp2, err := http.Get("http://" + addr + "/backup")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(resp2.Body)
	resp2.Body.Close()
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	os.WriteFile(copyPath, buf.Bytes(), 0o600)
	if err := storage.CheckFile(copyPath); err != nil {
		t.Errorf("the copy over HTTP fails the check: %v", err)
	}
}

func TestStandIn_FailuresLoseAndRepeatNothing(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.settle()
	h.srv.Inject("sendMessage", admin.ID, 2, tgtest.Fault{Status: 500})
	h.srv.Inject("sendMessage", admin.ID, 1, tgtest.Fault{Delay: 100 * time.Millisecond, Status: 504})
	h.srv.Inject("sendMessage", admin.ID, 2, tgtest.Fault{Status: 429, RetryAfter: 1})
	mark := h.srv.Mark()
	for _, u := range []string{"VP", "TT"} {
		h.srv.SendText(admin, "/invite "+u)
	}
	h.waitText(mark, admin.ID, "Thanh tra Sở")
	h.settle()
	if got := h.count(admin.ID, "?start="); got != 2 {
		t.Errorf("%d invites arrived; want 2, once each", got)
	}
}
