package bot_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"thiduabot/bot/config"
	"thiduabot/bot/ops"
)

// scrape reads /metrics of a running bot.
func scrape(t *testing.T, addr string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("metrics do not parse: %v", err)
	}
	return families
}

// TestAlertRules_NameOnlyMetricsTheBotExposes reads the alert rules the
// package ships and the live /metrics of a running bot: an alert on a
// metric the bot does not expose (misspelt, renamed, removed) would never
// fire, and promtool cannot tell.
func TestAlertRules_NameOnlyMetricsTheBotExposes(t *testing.T) {
	rules, err := os.ReadFile("../deploy/prometheus/thiduabot.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, name := range regexp.MustCompile(`\bthiduabot_[a-z0-9_]+`).FindAllString(string(rules), -1) {
		named[name] = true
	}
	if len(named) < 7 {
		t.Fatalf("the rules name %d of the bot's metrics (%v); want one at least for each of the seven troubles", len(named), named)
	}
	addr := freeAddr(t)
	h := newHarness(t, func(c *config.Config) { c.HTTP.Listen = addr })
	h.say(admin, "/start")
	h.settle()
	families := scrape(t, addr)
	var missing []string
	for name := range named {
		base := name
		for _, suffix := range []string{"_bucket", "_sum", "_count"} { // a histogram's series
			if f := families[strings.TrimSuffix(name, suffix)]; f != nil && f.GetType() == dto.MetricType_HISTOGRAM {
				base = strings.TrimSuffix(name, suffix)
			}
		}
		if families[base] == nil {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the alert rules name metrics /metrics does not expose: %v", missing)
	}
}

// TestOpsMetrics_TimesOfContactAndBackup: the timestamps the alerts
// compare with time() say when the bot last heard from Telegram and when
// its newest checked backup was taken.
func TestOpsMetrics_TimesOfContactAndBackup(t *testing.T) {
	addr := freeAddr(t)
	before := time.Now()
	h := newHarness(t, func(c *config.Config) {
		c.HTTP.Listen = addr
		c.Storage.BackupDir = filepath.Join(t.TempDir(), "backups")
	})
	h.say(admin, "/start")
	h.settle()
	value := func(families map[string]*dto.MetricFamily, name string) float64 {
		t.Helper()
		f := families[name]
		if f == nil || len(f.Metric) != 1 {
			t.Fatalf("metric %s: %v; want one series", name, f)
		}
		if g := f.Metric[0].GetGauge(); g != nil {
			return g.GetValue()
		}
		return f.Metric[0].GetCounter().GetValue()
	}
	families := scrape(t, addr)
	contact := value(families, "thiduabot_telegram_last_contact_timestamp_seconds")
	if c := time.Unix(0, int64(contact*1e9)); c.Before(before.Add(-time.Second)) || c.After(time.Now()) {
		t.Errorf("last contact with Telegram = %v; want after %v, when the bot started polling", c, before)
	}
	if l := families["thiduabot_telegram_last_contact_timestamp_seconds"].Metric[0].GetLabel(); len(l) != 1 || l[0].GetName() != "mode" || l[0].GetValue() != "polling" {
		t.Errorf("last contact's labels = %v; want mode=polling", l)
	}
	if noBackup := value(families, "thiduabot_backup_newest_timestamp_seconds"); noBackup < float64(before.Unix()-1) {
		t.Errorf("newest backup with none taken = %v; want the bot's start, after %v", noBackup, before.Unix())
	}
	if n := value(families, "thiduabot_outbox_dead_letters"); n != 0 {
		t.Errorf("dead letters = %v; want 0", n)
	}

	h.clock.Set(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)) // a backup named for a time long before the start
	path, err := h.bot.Backup()
	if err != nil {
		t.Fatal(err)
	}
	taken, ok := ops.BackupTaken(path, h.cfg.Org.Timezone.Location)
	if !ok {
		t.Fatalf("backup %s has no time in its name", path)
	}
	if got := value(scrape(t, addr), "thiduabot_backup_newest_timestamp_seconds"); got != float64(taken.UnixNano())/1e9 || !taken.Equal(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("newest backup = %v; want %v (%v)", got, float64(taken.UnixNano())/1e9, taken)
	}
}
