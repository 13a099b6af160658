// Package config reads thiduabot's TOML configuration (SPEC §7) and checks
// it, so that a mistake stops the start with a message naming the key.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

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
	Registration Registration `toml:"registration"`
	Waste        Waste        `toml:"waste"`
	Indicators   []Indicator  `toml:"indicators"`
	Works        []Work       `toml:"works"`
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
	// Movement is the movement's name, word for word as it was launched;
	// every text that names the movement takes it from here.
	Movement string `toml:"movement"`
	// Operators receive the system's messages (backups, a full disk, a
	// damaged file, people Telegram refuses); the admins when empty.
	Operators []int64 `toml:"operators"`
	// InitiativeCouncil is the Sở's initiative council (Hội đồng sáng
	// kiến): told of each recognition asked for, it may give its opinion
	// before the director decides. Optional.
	InitiativeCouncil []int64 `toml:"initiative_council"`
	// Ministry is named on the upward Bằng khen list to the Minister.
	Ministry string `toml:"ministry"`
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
	// HeadTitle is what the unit's head is called: Chánh Văn phòng,
	// Chánh Thanh tra, Trưởng phòng, Giám đốc Trung tâm (empty: Trưởng
	// đơn vị).
	HeadTitle string `toml:"head_title"`
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
	Recognised      int `toml:"recognised"` // an applied initiative recognised by the director's decision
}

// StoreOptions are the options the organisation's database is opened with:
// its zone and its scoring table, known before any migration runs.
func (c Config) StoreOptions() storage.Options {
	return storage.Options{Loc: c.Org.Timezone.Location, Scoring: c.ScoringTable()}
}

// ScoringTable is the scoring in the form storage keeps totals with.
func (c Config) ScoringTable() storage.Scoring {
	s := c.Scoring
	return storage.Scoring{Submitted: s.Submitted, Endorsed: s.Endorsed, Accepted: s.Accepted, PerScorePoint: s.PerScorePoint,
		Done: s.Done, PerMillionSaved: s.PerMillionSaved, Praise: s.Praise, ReportOnTime: s.ReportOnTime, ReportLate: s.ReportLate, Recognised: s.Recognised}
}

// Commendation holds the thresholds of the year's proposal (Law 06/2022/QH15,
// Decree 98/2023/NĐ-CP): the Giám đốc Sở's Giấy khen, and the higher ones
// of the Bằng khen he proposes for the most outstanding.
type Commendation struct {
	GiayKhen AwardThresholds `toml:"giay_khen"`
	BangKhen AwardThresholds `toml:"bang_khen"`
	// BangKhenBo are the Minister's Bằng khen's (org.ministry); absent:
	// every Bằng khen goes to the Chủ tịch UBND tỉnh.
	BangKhenBo AwardThresholds `toml:"bang_khen_bo"`
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
	return storage.CommendThresholds{GiayKhen: conv(c.Commendation.GiayKhen), BangKhen: conv(c.Commendation.BangKhen), BangKhenBo: conv(c.Commendation.BangKhenBo)}
}

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

// DefaultMovement is the movement's name as the Prime Minister launched it.
const DefaultMovement = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"

// Default returns the configuration every file starts from.
func Default() Config {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	return Config{
		Registration: defaultRegistration(),
		Waste:        defaultWaste(),
		Telegram:     Telegram{APIURL: "https://api.telegram.org", Mode: "polling", PollTimeout: Duration(50 * time.Second), WebhookListen: ":8443"},
		Storage:      Storage{Path: "thiduabot.db", BackupDir: "backups", BackupSchedule: mustCron("0 2 * * *"), BackupKeep: 14},
		Org:          Org{Name: "Sở Thông tin và Truyền thông", Timezone: Location{loc}, Language: "vi", Movement: DefaultMovement},
		Reminders: Reminders{
			Before:       []Duration{Duration(7 * 24 * time.Hour), Duration(3 * 24 * time.Hour), Duration(24 * time.Hour), Duration(2 * time.Hour)},
			OverdueEvery: Duration(24 * time.Hour),
			Grace:        Duration(12 * time.Hour),
		},
		Leaderboard:  Leaderboard{Schedule: mustCron("0 8 * * 1"), Top: 10},
		Summary:      Summary{DigestSchedule: mustCron("0 7 * * 1")},
		Scoring:      Scoring{Submitted: 1, Endorsed: 2, Accepted: 5, PerScorePoint: 1, Done: 5, PerMillionSaved: 1, Praise: 3, ReportOnTime: 5, ReportLate: 1, Recognised: 10},
		Commendation: Commendation{GiayKhen: AwardThresholds{MemberMinPoints: 40, MemberMinAccepted: 1, UnitMinPoints: 200}, BangKhen: AwardThresholds{MemberMinPoints: 120, MemberMinAccepted: 2, UnitMinPoints: 500}, BangKhenBo: AwardThresholds{MemberMinPoints: 200, MemberMinAccepted: 3, UnitMinPoints: 800}},
		Limits:       Limits{PerSecond: 30, PerChatSecond: 1, PerChatBurst: 2, GroupPerMinute: 20},
		Dashboard:    Dashboard{MaxAge: Duration(time.Hour)},
		Log:          Log{Level: "info", Format: "text"},
	}
}

// Load reads the file at path over the defaults, applies the secrets given
// beside it (THIDUABOT_TOKEN, THIDUABOT_WEBHOOK_SECRET in the environment,
// or systemd's credentials "token" and "webhook_secret": they win over the
// file) and checks the result.
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
	if v := secret("THIDUABOT_TOKEN", "token"); v != "" {
		cfg.Telegram.Token = v
	}
	if v := secret("THIDUABOT_WEBHOOK_SECRET", "webhook_secret"); v != "" {
		cfg.Telegram.WebhookSecret = v
	}
	if err := cfg.check(data); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// Example returns the example organisation (a provincial Sở TT&TT) that
// config.example.toml describes; `thiduabot console` uses it when given no
// file. A test keeps the two in step.
func Example() Config {
	c := Default()
	c.Org.Name = "Sở Thông tin và Truyền thông tỉnh Bình Minh"
	c.Org.Admins = []int64{1001}
	c.Org.Ministry = "Bộ Khoa học và Công nghệ"
	c.Org.Directors = []int64{1002}
	c.Telegram.GroupChatID = -1001234567890
	c.Units = []Unit{
		{Code: "VP", Name: "Văn phòng Sở", Short: "Văn phòng", Heads: []int64{2001}, Target: 120_000_000, HeadTitle: "Chánh Văn phòng"},
		{Code: "TT", Name: "Thanh tra Sở", Short: "Thanh tra", Heads: []int64{2002}, Target: 30_000_000, HeadTitle: "Chánh Thanh tra"},
		{Code: "KHTC", Name: "Phòng Kế hoạch – Tài chính", Short: "KH-TC", Heads: []int64{2003}, Target: 80_000_000, HeadTitle: "Trưởng phòng"},
		{Code: "BCVT", Name: "Phòng Bưu chính – Viễn thông", Short: "BC-VT", Heads: []int64{2004}, Target: 50_000_000, HeadTitle: "Trưởng phòng"},
		{Code: "CNTT", Name: "Phòng Công nghệ thông tin", Short: "CNTT", Heads: []int64{2005}, Target: 60_000_000, HeadTitle: "Trưởng phòng"},
		{Code: "TTBCXB", Name: "Phòng Thông tin – Báo chí – Xuất bản", Short: "TT-BC-XB", Heads: []int64{2006}, Target: 40_000_000, HeadTitle: "Trưởng phòng"},
		{Code: "TTCNTT", Name: "Trung tâm Công nghệ thông tin và Truyền thông", Short: "Trung tâm CNTT-TT", Heads: []int64{2007}, Target: 200_000_000, HeadTitle: "Giám đốc Trung tâm"},
	}
	c.Deadlines = []Deadline{{Name: "Báo cáo quý", Due: mustCron("0 17 20 3,6,9,12 *")}}
	c.Indicators, c.Works = exampleInfra()
	return c
}

// secret is a secret given beside the file: the environment variable env,
// or else the systemd credential named cred (LoadCredential=, read from
// $CREDENTIALS_DIRECTORY), with its trailing newline trimmed; "" for none.
func secret(env, cred string) string {
	if v := os.Getenv(env); v != "" {
		return v
	}
	if dir := os.Getenv("CREDENTIALS_DIRECTORY"); dir != "" {
		if data, err := os.ReadFile(filepath.Join(dir, cred)); err == nil {
			return strings.TrimSpace(string(data))
		}
	}
	return ""
}
