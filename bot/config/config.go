// Package config reads thiduabot's TOML configuration (SPEC §7) and checks
// it, so that a mistake stops the start with a message naming the key.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/robfig/cron/v3"

	"thiduabot/storage"
)

// Config is the whole configuration file.
type Config struct {
	Telegram     Telegram     `toml:"telegram"`
	Storage      Storage      `toml:"storage"`
	Org          Org          `toml:"org"`
	Units        []Unit       `toml:"units"`
	Deadlines    []Deadline   `toml:"deadlines"`
	Reminders    Reminders    `toml:"reminders"`
	Leaderboard  Leaderboard  `toml:"leaderboard"`
	Summary      Summary      `toml:"summary"`
	Scoring      Scoring      `toml:"scoring"`
	Commendation Commendation `toml:"commendation"`
	Limits       Limits       `toml:"limits"`
	HTTP         HTTP         `toml:"http"`
	Dashboard    Dashboard    `toml:"dashboard"`
	Log          Log          `toml:"log"`
}

// Telegram is how the bot reaches the Bot API.
type Telegram struct {
	Token         string   `toml:"token"`
	APIURL        string   `toml:"api_url"`
	Mode          string   `toml:"mode"`
	PollTimeout   Duration `toml:"poll_timeout"`
	WebhookListen string   `toml:"webhook_listen"`
	WebhookURL    string   `toml:"webhook_url"`
	WebhookSecret string   `toml:"webhook_secret"`
	GroupChatID   int64    `toml:"group_chat_id"`
}

// Storage is where the database and its backups live.
type Storage struct {
	Path           string   `toml:"path"`
	BackupDir      string   `toml:"backup_dir"`
	BackupSchedule CronSpec `toml:"backup_schedule"`
	BackupKeep     int      `toml:"backup_keep"`
}

// Org describes the organisation.
type Org struct {
	Name      string   `toml:"name"`
	Timezone  Location `toml:"timezone"`
	Language  string   `toml:"language"`
	Admins    []int64  `toml:"admins"`
	Directors []int64  `toml:"directors"`
}

// Unit is one unit of the organisation.
type Unit struct {
	Code string `toml:"code"`
	Name string `toml:"name"`
	// Short is the name that fits a chart's label or a phone's line
	// ("KH-TC" for Phòng Kế hoạch – Tài chính); empty: the code.
	Short string  `toml:"short"`
	Heads []int64 `toml:"heads"`
	// Target is the unit's yearly savings target in VND (0: none).
	Target int64 `toml:"target"`
}

// Deadline is a reporting deadline: recurring (Due) or single (DueAt).
type Deadline struct {
	Name  string   `toml:"name"`
	Due   CronSpec `toml:"due"`
	DueAt DateTime `toml:"due_at"`
}

// Reminders says when heads are reminded of a deadline.
type Reminders struct {
	Before       []Duration `toml:"before"`
	OverdueEvery Duration   `toml:"overdue_every"`
	Grace        Duration   `toml:"grace"`
}

// Leaderboard says when and how the leaderboard is posted.
type Leaderboard struct {
	Schedule CronSpec `toml:"schedule"`
	Top      int      `toml:"top"`
}

// Summary says when the directors get the weekly digest.
type Summary struct {
	DigestSchedule CronSpec `toml:"digest_schedule"`
}

// Scoring gives the points each event earns.
type Scoring struct {
	Submitted       int `toml:"submitted"`
	Endorsed        int `toml:"endorsed"`
	Accepted        int `toml:"accepted"`
	PerScorePoint   int `toml:"per_score_point"`
	Done            int `toml:"done"`
	PerMillionSaved int `toml:"per_million_saved"`
	Praise          int `toml:"praise"`
	ReportOnTime    int `toml:"report_on_time"`
	ReportLate      int `toml:"report_late"`
}

// ScoringTable is the scoring in the form storage keeps totals with.
func (c Config) ScoringTable() storage.Scoring {
	s := c.Scoring
	return storage.Scoring{Submitted: s.Submitted, Endorsed: s.Endorsed, Accepted: s.Accepted, PerScorePoint: s.PerScorePoint,
		Done: s.Done, PerMillionSaved: s.PerMillionSaved, Praise: s.Praise, ReportOnTime: s.ReportOnTime, ReportLate: s.ReportLate}
}

// Commendation holds the thresholds of the year's proposal (Law 06/2022/QH15,
// Decree 98/2023/NĐ-CP): the Giám đốc Sở's Giấy khen, and the higher ones
// of the Bằng khen he proposes for the most outstanding.
type Commendation struct {
	GiayKhen AwardThresholds `toml:"giay_khen"`
	BangKhen AwardThresholds `toml:"bang_khen"`
}

// AwardThresholds are what one form of award asks of a year's results.
type AwardThresholds struct {
	MemberMinPoints   int `toml:"member_min_points"`
	MemberMinAccepted int `toml:"member_min_accepted"`
	UnitMinPoints     int `toml:"unit_min_points"`
}

// CommendThresholds is the commendation in the form storage's rule takes.
func (c Config) CommendThresholds() storage.CommendThresholds {
	conv := func(a AwardThresholds) storage.AwardThresholds {
		return storage.AwardThresholds{MemberMinPoints: a.MemberMinPoints, MemberMinAccepted: a.MemberMinAccepted, UnitMinPoints: a.UnitMinPoints}
	}
	return storage.CommendThresholds{GiayKhen: conv(c.Commendation.GiayKhen), BangKhen: conv(c.Commendation.BangKhen)}
}

// retiredKeys are keys an older file may still have, with what replaced
// them. The start stops on one rather than read it into the new keys:
// they meant yearly titles the bot no longer proposes, and reading a
// threshold for "Chiến sĩ thi đua cơ sở" as one for a Giấy khen would
// change, unseen, what the director is asked to sign.
var retiredKeys = map[string]string{
	"commendation.cstd_min_points":   commendationRetired,
	"commendation.cstd_min_accepted": commendationRetired,
	"commendation.ldtt_min_points":   commendationRetired,
	"commendation.ttldtt_min_points": commendationRetired,
}

const commendationRetired = "no longer read: the yearly titles (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, " +
	"Tập thể lao động tiên tiến) rest on the year's job rating, which the bot does not know (Law 06/2022/QH15); " +
	"/commend proposes the Giấy khen and the Bằng khen instead: remove the old keys and set " +
	"[commendation.giay_khen] and [commendation.bang_khen] as config.example.toml shows"

// Limits are Telegram's sending limits as the sender keeps them.
type Limits struct {
	PerSecond      float64 `toml:"per_second"`
	PerChatSecond  float64 `toml:"per_chat_per_second"`
	PerChatBurst   int     `toml:"per_chat_burst"`
	GroupPerMinute float64 `toml:"group_per_minute"`
}

// HTTP is the operators' listener for health and metrics.
type HTTP struct {
	Listen string `toml:"listen"`
}

// Dashboard is the directors' Mini App (bot/dashboard).
type Dashboard struct {
	// URL is the page's public HTTPS address, which a reverse proxy
	// passes to Listen (or http.listen); empty: no dashboard.
	URL string `toml:"url"`
	// Listen is where the page is served; empty: on http.listen.
	Listen string `toml:"listen"`
	// MaxAge is how long a Mini App's initData is taken after Telegram
	// signed it.
	MaxAge Duration `toml:"max_age"`
}

// Log says how the bot logs.
type Log struct {
	Level  string `toml:"level"`
	Format string `toml:"format"`
}

// Default returns the configuration every file starts from.
func Default() Config {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	return Config{
		Telegram: Telegram{APIURL: "https://api.telegram.org", Mode: "polling", PollTimeout: Duration(50 * time.Second), WebhookListen: ":8443"},
		Storage:  Storage{Path: "thiduabot.db", BackupDir: "backups", BackupSchedule: mustCron("0 2 * * *"), BackupKeep: 14},
		Org:      Org{Name: "Sở Thông tin và Truyền thông", Timezone: Location{loc}, Language: "vi"},
		Reminders: Reminders{
			Before:       []Duration{Duration(7 * 24 * time.Hour), Duration(3 * 24 * time.Hour), Duration(24 * time.Hour), Duration(2 * time.Hour)},
			OverdueEvery: Duration(24 * time.Hour),
			Grace:        Duration(12 * time.Hour),
		},
		Leaderboard:  Leaderboard{Schedule: mustCron("0 8 * * 1"), Top: 10},
		Summary:      Summary{DigestSchedule: mustCron("0 7 * * 1")},
		Scoring:      Scoring{Submitted: 1, Endorsed: 2, Accepted: 5, PerScorePoint: 1, Done: 5, PerMillionSaved: 1, Praise: 3, ReportOnTime: 5, ReportLate: 1},
		Commendation: Commendation{GiayKhen: AwardThresholds{MemberMinPoints: 40, MemberMinAccepted: 1, UnitMinPoints: 200}, BangKhen: AwardThresholds{MemberMinPoints: 120, MemberMinAccepted: 2, UnitMinPoints: 500}},
		Limits:       Limits{PerSecond: 30, PerChatSecond: 1, PerChatBurst: 2, GroupPerMinute: 20},
		Dashboard:    Dashboard{MaxAge: Duration(time.Hour)},
		Log:          Log{Level: "info", Format: "text"},
	}
}

// Error is a problem with the file, with the key and line it is at.
type Error struct {
	Key  string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("config: line %d: %s: %s", e.Line, e.Key, e.Msg)
	}
	return fmt.Sprintf("config: %s: %s", e.Key, e.Msg)
}

// Load reads the file at path over the defaults, applies the environment
// (THIDUABOT_TOKEN, THIDUABOT_WEBHOOK_SECRET win over the file) and checks
// the result.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(data)
}

// Parse is Load for the bytes of a file.
func Parse(data []byte) (*Config, error) {
	cfg := Default()
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Key: pe.LastKey, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, fmt.Errorf("config: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		msg := "unknown key"
		for _, u := range und {
			if why, ok := retiredKeys[u.String()]; ok {
				k, msg = u, why
				break
			}
		}
		return nil, &Error{Key: k.String(), Line: lineOf(data, k[len(k)-1], 1), Msg: msg}
	}
	if v := os.Getenv("THIDUABOT_TOKEN"); v != "" {
		cfg.Telegram.Token = v
	}
	if v := os.Getenv("THIDUABOT_WEBHOOK_SECRET"); v != "" {
		cfg.Telegram.WebhookSecret = v
	}
	if err := cfg.check(data); err != nil {
		return nil, err
	}
	return &cfg, nil
}

var unitCode = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,15}$`)

// maxShortName bounds a unit's short name: it must fit a chart's label.
const maxShortName = 18

func (c *Config) check(data []byte) error {
	bad := func(key, format string, args ...any) error {
		last := key[strings.LastIndex(key, ".")+1:]
		if i := strings.Index(last, "["); i >= 0 {
			last = last[:i]
		}
		return &Error{Key: key, Line: lineOf(data, last, 1), Msg: fmt.Sprintf(format, args...)}
	}
	switch c.Telegram.Mode {
	case "polling", "webhook":
	default:
		return bad("telegram.mode", "must be \"polling\" or \"webhook\", not %q", c.Telegram.Mode)
	}
	if c.Telegram.Mode == "webhook" && (c.Telegram.WebhookURL == "" || c.Telegram.WebhookSecret == "") {
		return bad("telegram.webhook_url", "webhook mode needs webhook_url and webhook_secret")
	}
	if !strings.HasPrefix(c.Telegram.APIURL, "http://") && !strings.HasPrefix(c.Telegram.APIURL, "https://") {
		return bad("telegram.api_url", "must be an http(s) URL")
	}
	if c.Storage.Path == "" {
		return bad("storage.path", "must not be empty")
	}
	if c.Storage.BackupKeep < 1 {
		return bad("storage.backup_keep", "must be at least 1")
	}
	switch c.Org.Language {
	case "vi", "en":
	default:
		return bad("org.language", "must be \"vi\" or \"en\", not %q", c.Org.Language)
	}
	seen := map[string]bool{}
	for i, u := range c.Units {
		key := fmt.Sprintf("units[%d].code", i)
		if !unitCode.MatchString(u.Code) {
			return &Error{Key: key, Line: lineOf(data, "code", i+1), Msg: fmt.Sprintf("%q must be 1–16 capital letters or digits", u.Code)}
		}
		if seen[u.Code] {
			return &Error{Key: key, Line: lineOf(data, "code", i+1), Msg: fmt.Sprintf("duplicate unit code %q", u.Code)}
		}
		seen[u.Code] = true
		if strings.TrimSpace(u.Name) == "" {
			return &Error{Key: fmt.Sprintf("units[%d].name", i), Line: lineOf(data, "code", i+1), Msg: "must not be empty"}
		}
		if n := utf8.RuneCountInString(u.Short); n > maxShortName {
			return &Error{Key: fmt.Sprintf("units[%d].short", i), Line: lineOf(data, "code", i+1), Msg: fmt.Sprintf("must be at most %d characters (it has %d)", maxShortName, n)}
		}
		if u.Target < 0 {
			return &Error{Key: fmt.Sprintf("units[%d].target", i), Line: lineOf(data, "code", i+1), Msg: "must not be negative"}
		}
	}
	for i, d := range c.Deadlines {
		if strings.TrimSpace(d.Name) == "" {
			return &Error{Key: fmt.Sprintf("deadlines[%d].name", i), Line: lineOf(data, "name", 1), Msg: "must not be empty"}
		}
		if (d.Due.Spec == "") == d.DueAt.IsZero() {
			return &Error{Key: fmt.Sprintf("deadlines[%d]", i), Msg: "give exactly one of due (a cron spec) and due_at (a date-time)"}
		}
	}
	for i, d := range c.Reminders.Before {
		if d <= 0 {
			return bad(fmt.Sprintf("reminders.before[%d]", i), "must be positive")
		}
	}
	if c.Reminders.OverdueEvery <= 0 {
		return bad("reminders.overdue_every", "must be positive")
	}
	if err := c.Commendation.check(data); err != nil {
		return err
	}
	if c.Leaderboard.Top < 1 || c.Leaderboard.Top > 50 {
		return bad("leaderboard.top", "must be between 1 and 50")
	}
	if c.Limits.PerSecond <= 0 || c.Limits.PerChatSecond <= 0 || c.Limits.GroupPerMinute <= 0 || c.Limits.PerChatBurst < 1 {
		return bad("limits.per_second", "every limit must be positive")
	}
	if c.Dashboard.URL != "" {
		if u, err := url.Parse(c.Dashboard.URL); err != nil || u.Scheme != "https" || u.Host == "" {
			return bad("dashboard.url", "must be an https:// address (Telegram opens Mini Apps over HTTPS only)")
		}
		if c.Dashboard.Listen == "" && c.HTTP.Listen == "" {
			return bad("dashboard.url", "needs dashboard.listen or http.listen to serve the page on")
		}
	}
	if c.Dashboard.MaxAge <= 0 {
		return bad("dashboard.max_age", "must be positive")
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		return bad("log.format", "must be \"text\" or \"json\"")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return bad("log.level", "must be debug, info, warn or error")
	}
	return nil
}

// check keeps the thresholds meaningful: a point at least (a zero would
// propose everyone who earned any), and the Bằng khen, for the most
// outstanding, asking at least what the Giấy khen asks.
func (c Commendation) check(data []byte) error {
	bad := func(table, key, format string, args ...any) error {
		full := "commendation." + table
		return &Error{Key: full + "." + key, Line: lineInTable(data, full, key), Msg: fmt.Sprintf(format, args...)}
	}
	for _, t := range []struct {
		key        string
		giay, bang int
		least      int
	}{
		{"member_min_points", c.GiayKhen.MemberMinPoints, c.BangKhen.MemberMinPoints, 1},
		{"member_min_accepted", c.GiayKhen.MemberMinAccepted, c.BangKhen.MemberMinAccepted, 0},
		{"unit_min_points", c.GiayKhen.UnitMinPoints, c.BangKhen.UnitMinPoints, 1},
	} {
		if t.giay < t.least {
			return bad("giay_khen", t.key, "must be at least %d", t.least)
		}
		if t.bang < t.giay {
			return bad("bang_khen", t.key, "must be at least the Giấy khen's %d: the Bằng khen is for the most outstanding", t.giay)
		}
	}
	return nil
}

// lineOf finds the line of the nth assignment to a key named name (nth
// starting at 1), or 0 when it is not in the file.
func lineOf(data []byte, name string, nth int) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
	for i, line := range bytes.Split(data, []byte("\n")) {
		if re.Match(line) {
			if nth--; nth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// lineInTable finds the line of the assignment to name inside the table
// [table] (a key of the same name may be in another table), or 0.
func lineInTable(data []byte, table, name string) int {
	header := regexp.MustCompile(`^\s*\[\s*` + regexp.QuoteMeta(table) + `\s*\]`)
	key := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
	in := false
	for i, line := range bytes.Split(data, []byte("\n")) {
		switch {
		case header.Match(line):
			in = true
		case bytes.HasPrefix(bytes.TrimSpace(line), []byte("[")):
			in = false
		case in && key.Match(line):
			return i + 1
		}
	}
	return 0
}

// Duration is a length of time written like "90s", "2h" or "7d".
type Duration time.Duration

// UnmarshalText reads a duration, with "d" for days besides Go's units.
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return fmt.Errorf("%q is not a duration (write 7d, 36h or 90m)", s)
		}
		*d = Duration(time.Duration(n) * 24 * time.Hour)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a duration (write 7d, 36h or 90m)", s)
	}
	*d = Duration(v)
	return nil
}

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// CronSpec is a standard five-field cron spec, checked when read.
type CronSpec struct {
	Spec     string
	Schedule cron.Schedule
}

// UnmarshalText parses the spec.
func (c *CronSpec) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	sched, err := cron.ParseStandard(s)
	if err != nil {
		return fmt.Errorf("%q is not a cron spec (minute hour day month weekday): %v", s, err)
	}
	*c = CronSpec{Spec: s, Schedule: sched}
	return nil
}

func mustCron(s string) CronSpec {
	var c CronSpec
	if err := c.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return c
}

// Location is a time zone name such as Asia/Ho_Chi_Minh.
type Location struct{ *time.Location }

// UnmarshalText loads the zone.
func (l *Location) UnmarshalText(b []byte) error {
	loc, err := time.LoadLocation(strings.TrimSpace(string(b)))
	if err != nil || string(b) == "" {
		return fmt.Errorf("unknown time zone %q", b)
	}
	l.Location = loc
	return nil
}

// DateTime is a date-time written "2026-12-20 17:00" (a wall-clock time in
// the organisation's zone) or as RFC 3339 (with its own offset).
type DateTime struct {
	time.Time
	// Wall is set when no zone was written: In places it in the org's.
	Wall bool
}

// UnmarshalText reads the date-time.
func (d *DateTime) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		d.Time, d.Wall = t, false
		return nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02T15:04:05", "02/01/2006 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			d.Time, d.Wall = t, true
			return nil
		}
	}
	return fmt.Errorf("%q is not a date-time (write 2026-12-20 17:00)", s)
}

// In returns the time, reading a wall-clock time in loc.
func (d DateTime) In(loc *time.Location) time.Time {
	if !d.Wall {
		return d.Time
	}
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
}

// Example returns the example organisation (a provincial Sở TT&TT) that
// config.example.toml describes; `thiduabot console` uses it when given no
// file. A test keeps the two in step.
func Example() Config {
	c := Default()
	c.Org.Name = "Sở Thông tin và Truyền thông tỉnh Bình Minh"
	c.Org.Admins = []int64{1001}
	c.Org.Directors = []int64{1002}
	c.Telegram.GroupChatID = -1001234567890
	c.Units = []Unit{
		{Code: "VP", Name: "Văn phòng Sở", Short: "Văn phòng", Heads: []int64{2001}, Target: 120_000_000},
		{Code: "TT", Name: "Thanh tra Sở", Short: "Thanh tra", Heads: []int64{2002}, Target: 30_000_000},
		{Code: "KHTC", Name: "Phòng Kế hoạch – Tài chính", Short: "KH-TC", Heads: []int64{2003}, Target: 80_000_000},
		{Code: "BCVT", Name: "Phòng Bưu chính – Viễn thông", Short: "BC-VT", Heads: []int64{2004}, Target: 50_000_000},
		{Code: "CNTT", Name: "Phòng Công nghệ thông tin", Short: "CNTT", Heads: []int64{2005}, Target: 60_000_000},
		{Code: "TTBCXB", Name: "Phòng Thông tin – Báo chí – Xuất bản", Short: "TT-BC-XB", Heads: []int64{2006}, Target: 40_000_000},
		{Code: "TTCNTT", Name: "Trung tâm Công nghệ thông tin và Truyền thông", Short: "Trung tâm CNTT-TT", Heads: []int64{2007}, Target: 200_000_000},
	}
	c.Deadlines = []Deadline{{Name: "Báo cáo quý", Due: mustCron("0 17 20 3,6,9,12 *")}}
	return c
}
