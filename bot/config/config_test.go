package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"thiduabot/bot/config"
)

func readExample(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestExampleFile_ParsesToTheExampleOrganisation(t *testing.T) {
	cfg, err := config.Parse(readExample(t))
	if err != nil {
		t.Fatal(err)
	}
	want := config.Example()
	if !reflect.DeepEqual(cfg.Units, want.Units) {
		t.Errorf("units of config.example.toml = %+v\nwant config.Example()'s %+v", cfg.Units, want.Units)
	}
	if !reflect.DeepEqual(cfg.Org.Admins, want.Org.Admins) || !reflect.DeepEqual(cfg.Org.Directors, want.Org.Directors) || cfg.Org.Name != want.Org.Name {
		t.Errorf("org = %+v; want %+v", cfg.Org, want.Org)
	}
	if cfg.Org.Timezone.String() != "Asia/Ho_Chi_Minh" || cfg.Reminders.Before[0].D().Hours() != 7*24 {
		t.Errorf("timezone %v, first reminder %v", cfg.Org.Timezone, cfg.Reminders.Before[0])
	}
}

// The keys SPEC §7 says the file must offer.
func TestExampleFile_DocumentsEveryKey(t *testing.T) {
	var raw map[string]any
	md, err := toml.Decode(string(readExample(t)), &raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{
		"telegram.token", "telegram.api_url", "telegram.mode", "telegram.webhook_listen", "telegram.webhook_url",
		"telegram.webhook_secret", "telegram.group_chat_id", "storage.path", "storage.backup_dir",
		"storage.backup_schedule", "storage.backup_keep", "org.name", "org.timezone", "org.language", "org.movement",
		"org.admins", "org.directors", "units", "deadlines", "reminders.before", "reminders.overdue_every",
		"reminders.grace", "leaderboard.schedule", "leaderboard.top", "scoring", "commendation", "http.listen",
		"dashboard.url", "dashboard.listen", "dashboard.max_age",
	} {
		if !md.IsDefined(strings.Split(k, ".")...) {
			t.Errorf("config.example.toml has no %s", k)
		}
	}
}

func TestParse_ErrorsNameTheKeyAndLine(t *testing.T) {
	for _, tc := range []struct {
		name, file, key string
		line            int
	}{
		{"unknown key", "[telegram]\ntoken = \"x\"\ntokne = \"y\"\n", "telegram.tokne", 3},
		{"bad cron", "[storage]\npath = \"a.db\"\nbackup_schedule = \"every day\"\n", "storage.backup_schedule", 3},
		{"bad time zone", "[org]\n\ntimezone = \"Asia/Hanoi_City\"\n", "org.timezone", 3},
		{"duplicate unit", "[[units]]\ncode = \"VP\"\nname = \"A\"\n[[units]]\ncode = \"VP\"\nname = \"B\"\n", "units[1].code", 5},
		{"bad mode", "[telegram]\nmode = \"push\"\n", "telegram.mode", 2},
		{"no movement", "[org]\nmovement = \" \"\n", "org.movement", 2},
		{"bad duration", "[reminders]\nbefore = [\"7d\", \"soon\"]\n", "reminders.before", 2},
		{"deadline with both", "[[deadlines]]\nname = \"Q\"\ndue = \"0 17 20 3,6,9,12 *\"\ndue_at = \"2026-12-20 17:00\"\n", "deadlines[0]", 0},
		{"syntax", "[telegram]\nmode = = 1\n", "", 2},
		{"dashboard over http", "[http]\nlisten = \":9090\"\n[dashboard]\nurl = \"http://thidua.example.vn/\"\n", "dashboard.url", 4},
		{"dashboard with nowhere to serve", "[dashboard]\nurl = \"https://thidua.example.vn/\"\n", "dashboard.url", 2},
		{"dashboard max_age", "[dashboard]\nmax_age = \"0s\"\n", "dashboard.max_age", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Parse([]byte(tc.file))
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse = %v; want a *config.Error", err)
			}
			if !strings.HasPrefix(ce.Key, tc.key) || ce.Line != tc.line {
				t.Errorf("Parse error = %q (key %q, line %d); want key %q, line %d", err, ce.Key, ce.Line, tc.key, tc.line)
			}
		})
	}
}

func TestParse_EnvironmentWinsForSecrets(t *testing.T) {
	t.Setenv("THIDUABOT_TOKEN", "from-env")
	t.Setenv("THIDUABOT_WEBHOOK_SECRET", "secret-env")
	cfg, err := config.Parse([]byte("[telegram]\ntoken = \"from-file\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != "from-env" || cfg.Telegram.WebhookSecret != "secret-env" {
		t.Errorf("token %q, secret %q; want the environment's", cfg.Telegram.Token, cfg.Telegram.WebhookSecret)
	}
}

// Under systemd, the token may come as a credential (LoadCredential=
// token:/etc/thiduabot/token): it wins over the file, and the environment
// over it.
func TestParse_SystemdCredentialsForSecrets(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte("from-credential\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CREDENTIALS_DIRECTORY", dir)
	t.Setenv("THIDUABOT_TOKEN", "")
	cfg, err := config.Parse([]byte("[telegram]\ntoken = \"from-file\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != "from-credential" {
		t.Errorf("token %q; want the credential's", cfg.Telegram.Token)
	}
	t.Setenv("THIDUABOT_TOKEN", "from-env")
	if cfg, _ := config.Parse([]byte("")); cfg.Telegram.Token != "from-env" {
		t.Errorf("token %q; want the environment's over the credential", cfg.Telegram.Token)
	}
}

func TestExampleFile_CommendationIsTheDefault(t *testing.T) {
	cfg, err := config.Parse(readExample(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Commendation, config.Default().Commendation; got != want {
		t.Errorf("[commendation] of config.example.toml = %+v; want the defaults %+v", got, want)
	}
	th := cfg.CommendThresholds()
	if th.GiayKhen.MemberMinPoints != cfg.Commendation.GiayKhen.MemberMinPoints || th.BangKhen.UnitMinPoints != cfg.Commendation.BangKhen.UnitMinPoints {
		t.Errorf("CommendThresholds = %+v; want the file's %+v", th, cfg.Commendation)
	}
}

// The thresholds of the yearly titles are refused by name, with what
// replaced them, rather than read as the Giấy khen's; thresholds that make
// no sense name their key and line.
func TestParse_CommendationKeys(t *testing.T) {
	for _, tc := range []struct {
		name, file, key string
		line            int
		says            string
	}{
		{"an old key", "[commendation]\ncstd_min_points = 60\n", "commendation.cstd_min_points", 2, "giay_khen"},
		{"an old key among new ones", "[commendation.giay_khen]\nmember_min_points = 40\n[commendation]\nttldtt_min_points = 200\n", "commendation.ttldtt_min_points", 4, "job rating"},
		{"a Bằng khen below the Giấy khen", "[commendation.giay_khen]\nmember_min_points = 40\n\n[commendation.bang_khen]\nmember_min_points = 30\n", "commendation.bang_khen.member_min_points", 5, "at least the Giấy khen's 40"},
		{"no point asked", "[commendation.giay_khen]\nunit_min_points = 0\n", "commendation.giay_khen.unit_min_points", 2, "at least 1"},
		{"a misspelt key", "[commendation.bang_khen]\nmember_min_point = 30\n", "commendation.bang_khen.member_min_point", 2, "unknown key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Parse([]byte(tc.file))
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse = %v; want a *config.Error", err)
			}
			if ce.Key != tc.key || ce.Line != tc.line || !strings.Contains(ce.Msg, tc.says) {
				t.Errorf("Parse error = %q (key %q, line %d); want key %q, line %d, saying %q", err, ce.Key, ce.Line, tc.key, tc.line, tc.says)
			}
		})
	}
}

func TestExampleFile_IndicatorsAndWorks(t *testing.T) {
	cfg, err := config.Parse(readExample(t))
	if err != nil {
		t.Fatal(err)
	}
	want := config.Example()
	if !reflect.DeepEqual(cfg.Indicators, want.Indicators) {
		t.Errorf("indicators of config.example.toml = %+v\nwant config.Example()'s %+v", cfg.Indicators, want.Indicators)
	}
	if !reflect.DeepEqual(cfg.Works, want.Works) {
		t.Errorf("works of config.example.toml = %+v\nwant config.Example()'s %+v", cfg.Works, want.Works)
	}
	if len(cfg.Indicators) != 6 || len(cfg.Works) < 2 {
		t.Errorf("the example has %d indicators and %d works; want the six of the issue and two or more works", len(cfg.Indicators), len(cfg.Works))
	}
}

func TestParse_InfraErrorsNameTheKeyAndLine(t *testing.T) {
	units := "[[units]]\ncode = \"BCVT\"\nname = \"Phòng BC-VT\"\n" // lines 1–3
	ind := func(measure, target string) string {
		return units + "[[indicators]]\ncode = \"THON4G\"\nname = \"Tỷ lệ thôn có 4G\"\nmeasure = \"" + measure + "\"\nkind = \"level\"\n" + // 4–8
			"  [[indicators.targets]]\n  unit = \"BCVT\"\n  year = 2026\n" + target // 9–11, then 12…
	}
	work := func(milestones string) string {
		return units + "[[works]]\ncode = \"VL\"\nname = \"Vùng lõm\"\nunit = \"BCVT\"\ninvestment = 100\n" + milestones // 4–8, then 9…
	}
	for _, tc := range []struct {
		name, file, key string
		line            int
	}{
		{"unknown unit", units + "[[indicators]]\ncode = \"X\"\nname = \"X\"\nmeasure = \"km\"\nkind = \"flow\"\n  [[indicators.targets]]\n  unit = \"CNTT\"\n  year = 2026\n  baseline = 1\n  target = 2\n", "indicators[0].targets[0].unit", 10},
		{"target without baseline", ind("%", "  target = 98\n"), "indicators[0].targets[0].target", 12},
		{"percent over 100", ind("%", "  baseline = 90\n  target = 120\n"), "indicators[0].targets[0].target", 13},
		{"quarters not ending at the target", ind("%", "  baseline = 90\n  target = 98\n  quarters = [91, 92, 93, 94]\n"), "indicators[0].targets[0].target", 13},
		{"bad kind", units + "[[indicators]]\ncode = \"X\"\nname = \"X\"\nmeasure = \"km\"\nkind = \"stock\"\n", "indicators[0].kind", 8},
		{"duplicate indicator", ind("%", "  baseline = 90\n  target = 98\n") + "[[indicators]]\ncode = \"THON4G\"\nname = \"Y\"\nmeasure = \"km\"\nkind = \"flow\"\n", "indicators[1].code", 15},
		{"milestones out of order", work("  [[works.milestones]]\n  name = \"Khởi công\"\n  due = \"2026-05-01\"\n  [[works.milestones]]\n  name = \"Nghiệm thu\"\n  due = \"2026-03-01\"\n"), "works[0].milestones[1].due", 14},
		{"work of an unknown unit", units + "[[works]]\ncode = \"VL\"\nname = \"Vùng lõm\"\nunit = \"KHTC\"\n", "works[0].unit", 7},
		{"duplicate work", work("  [[works.milestones]]\n  name = \"Khởi công\"\n  due = \"2026-05-01\"\n") + "[[works]]\ncode = \"VL\"\nname = \"Z\"\nunit = \"BCVT\"\n", "works[1].code", 13},
		{"funding over the investment", work("outside_budget = 200\n"), "works[0].outside_budget", 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Parse([]byte(tc.file))
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse = %v; want a *config.Error", err)
			}
			if ce.Key != tc.key || ce.Line != tc.line {
				t.Errorf("Parse error = %q (key %q, line %d); want key %q, line %d", err, ce.Key, ce.Line, tc.key, tc.line)
			}
		})
	}
}
