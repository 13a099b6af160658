package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-analyze/charts"
	"github.com/robfig/cron/v3"

	"thiduabot/storage"
)

// Chart size, in pixels.
const chartWidth, chartHeight = 800, 480

// periodArg reads /leaderboard's argument: month (default), quarter, year.
func periodArg(arg string) (storage.PeriodKind, bool) {
	switch strings.ToLower(strings.TrimSpace(arg)) {
	case "", "month", "thang", "tháng":
		return storage.Month, true
	case "quarter", "quy", "quý":
		return storage.Quarter, true
	case "year", "nam", "năm":
		return storage.Year, true
	}
	return 0, false
}

// periodName says a period the way people do: tháng 11/2026, quý 4/2026.
func periodName(lang string, kind storage.PeriodKind, t time.Time) string {
	switch kind {
	case storage.Month:
		return T(lang, "period.month", fmt.Sprintf("%02d/%d", t.Month(), t.Year()))
	case storage.Quarter:
		return T(lang, "period.quarter", fmt.Sprintf("%d/%d", (int(t.Month())+2)/3, t.Year()))
	}
	return T(lang, "period.year", t.Year())
}

// leaderboard is what a leaderboard shows.
type leaderboard struct {
	text  string
	chart []byte // PNG of the units' points; nil when nobody has points
}

// buildLeaderboard reads the totals of the period around now: the top
// members and units, and asker's own rank when outside the top.
func (b *Bot) buildLeaderboard(tx *storage.Tx, lang string, kind storage.PeriodKind, asker int64) (leaderboard, error) {
	return b.buildLeaderboardParts(tx, lang, kind, asker, true)
}

func (b *Bot) buildLeaderboardParts(tx *storage.Tx, lang string, kind storage.PeriodKind, asker int64, withChart bool) (leaderboard, error) {
	now := b.Now().In(b.loc)
	period := storage.PeriodOf(kind, now, b.loc)
	top := b.cfg.Leaderboard.Top
	members, err := tx.Ranking(period, false)
	if err != nil {
		return leaderboard{}, err
	}
	units, err := tx.Ranking(period, true)
	if err != nil {
		return leaderboard{}, err
	}
	var text strings.Builder
	text.WriteString(T(lang, "lb.title", periodName(lang, kind, now)))
	if len(members) == 0 && len(units) == 0 {
		text.WriteString(T(lang, "lb.empty"))
		return leaderboard{text: text.String()}, nil
	}
	medal := func(rank int) string {
		if rank <= 3 {
			return []string{"🥇", "🥈", "🥉"}[rank-1]
		}
		return fmt.Sprintf("%d.", rank)
	}
	text.WriteString(T(lang, "lb.members"))
	for i, s := range members {
		if i == top {
			break
		}
		m, _, err := tx.Member(s.Member)
		if err != nil {
			return leaderboard{}, err
		}
		text.WriteString(T(lang, "lb.member_line", HTML(medal(s.Rank)), m.Name(), m.Unit, s.Points))
	}
	for _, s := range members {
		if s.Member == asker && s.Rank > top {
			text.WriteString(T(lang, "lb.you", s.Rank, len(members), s.Points))
		}
	}
	text.WriteString(T(lang, "lb.units"))
	var labels []string
	var values []float64
	for i, s := range units {
		if i == top {
			break
		}
		u, _, err := tx.Unit(s.Unit)
		if err != nil {
			return leaderboard{}, err
		}
		text.WriteString(T(lang, "lb.unit_line", HTML(medal(s.Rank)), u.Name, s.Points))
		labels = append(labels, u.Name)
		values = append(values, float64(s.Points))
	}
	if !withChart {
		return leaderboard{text: text.String()}, nil
	}
	chart, err := unitsChart(T(lang, "lb.chart_title", periodName(lang, kind, now)), labels, values)
	if err != nil {
		return leaderboard{}, err
	}
	return leaderboard{text: text.String(), chart: chart}, nil
}

// unitsChart draws the units' points as horizontal bars, best on top, in
// a PNG. The labels are Vietnamese: the chart library's embedded Roboto
// font has the glyphs (a test checks it).
func unitsChart(title string, labels []string, values []float64) ([]byte, error) {
	if len(values) == 0 {
		return nil, nil
	}
	// The chart draws the first label at the bottom.
	l, v := make([]string, len(labels)), make([]float64, len(values))
	for i := range labels {
		l[len(labels)-1-i], v[len(values)-1-i] = truncate(labels[i], 34), values[i]
	}
	p, err := charts.HorizontalBarRender([][]float64{v},
		charts.PNGOutputOptionFunc(),
		charts.DimensionsOptionFunc(chartWidth, chartHeight),
		charts.TitleTextOptionFunc(title),
		charts.YAxisLabelsOptionFunc(l),
		charts.SeriesShowLabel(true),
		charts.PaddingOptionFunc(charts.Box{Top: 20, Right: 40, Bottom: 20, Left: 20}),
	)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return p.Bytes()
}

// cmdLeaderboard shows the leaderboard: text, then the chart. It works in
// the staff group too.
func (b *Bot) cmdLeaderboard(c *Ctx) error {
	kind, ok := periodArg(c.Req.Args)
	if !ok {
		return storage.Errorf(storage.EInvalid, "err.lb_period")
	}
	lang := c.Lang
	if c.Req.Group {
		lang = b.cfg.Org.Language
	} else if !c.Me.Active() {
		return storage.Errorf(storage.EForbidden, "err.guest")
	}
	lb, err := b.buildLeaderboard(c.Tx, lang, kind, c.Req.UserID)
	if err != nil {
		return err
	}
	return b.postBoard(c.Tx, c.Req.ChatID, lb)
}

func (b *Bot) postBoard(tx *storage.Tx, chatID int64, lb leaderboard) error {
	if err := b.send(tx, chatID, lb.text, nil, nil); err != nil {
		return err
	}
	if lb.chart == nil {
		return nil
	}
	_, err := tx.Enqueue(storage.Message{Method: storage.MethodSendPhoto, ChatID: chatID, Document: &storage.Document{Name: "bang-xep-hang.png", Data: lb.chart}})
	return err
}

// PostLeaderboard posts the month's leaderboard to the staff group for the
// latest occurrence of leaderboard.schedule, once: the occurrence is
// recorded with the outbox entries. One missed while the bot was down is
// posted when it comes back, within reminders.grace.
func (b *Bot) PostLeaderboard() error {
	if b.cfg.Telegram.GroupChatID == 0 {
		return nil
	}
	now := b.Now()
	sched, err := cron.ParseStandard(b.cfg.Leaderboard.Schedule.Spec)
	if err != nil {
		return err
	}
	// The latest occurrence at or before now, looking back over the grace.
	var due time.Time
	grace := b.cfg.Reminders.Grace.D()
	for t := sched.Next(now.Add(-grace - time.Minute).In(b.loc)); !t.IsZero() && !t.After(now); t = sched.Next(t) {
		due = t
	}
	if due.IsZero() {
		return nil
	}
	key := "leaderboard|" + due.UTC().Format(time.RFC3339)
	err = b.round(func(tx *storage.Tx) error {
		if tx.ReminderDone(key) {
			return nil
		}
		lb, err := b.buildLeaderboard(tx, b.cfg.Org.Language, storage.Month, 0)
		if err != nil {
			return err
		}
		if err := b.postBoard(tx, b.cfg.Telegram.GroupChatID, lb); err != nil {
			return err
		}
		return tx.RecordReminder(key, storage.ReminderSent)
	})
	if err == nil {
		b.sender.Notify()
	}
	return err
}
