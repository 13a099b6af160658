package config

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

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
	if strings.TrimSpace(c.Org.Movement) == "" {
		return bad("org.movement", "must name the movement (the default: %q)", DefaultMovement)
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
	if err := c.checkInfra(data); err != nil {
		return err
	}
	if err := c.Registration.check(); err != nil {
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
	if c.BangKhenBo == (AwardThresholds{}) {
		return nil
	}
	for _, t := range []struct {
		key      string
		bang, bo int
	}{
		{"member_min_points", c.BangKhen.MemberMinPoints, c.BangKhenBo.MemberMinPoints},
		{"member_min_accepted", c.BangKhen.MemberMinAccepted, c.BangKhenBo.MemberMinAccepted},
		{"unit_min_points", c.BangKhen.UnitMinPoints, c.BangKhenBo.UnitMinPoints},
	} {
		if t.bo < t.bang {
			return bad("bang_khen_bo", t.key, "must be at least the Bằng khen's %d: the Minister's is for results beyond the province's", t.bang)
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
