package bot

import (
	"fmt"
	"strings"
	"thiduabot/bot/period"
	"thiduabot/bot/render"
	"time"

	"thiduabot/bot/texts"

	"github.com/robfig/cron/v3"

	"thiduabot/storage"
)

// leaderboard is what a leaderboard shows.
type leaderboard struct {
	text  string
	chart []byte // PNG of the units' points; nil when nobody has points
}

// buildLeaderboard reads the totals of a period: the top members and
// units, and asker's own rank when outside the top.
func (o *office) buildLeaderboard(tx *storage.Tx, lang string, s storage.Span, asker int64) (leaderboard, error) {
	return o.buildLeaderboardParts(tx, lang, s, asker, true)
}

func (o *office) buildLeaderboardParts(tx *storage.Tx, lang string, s storage.Span, asker int64, withChart bool) (leaderboard, error) {
	key := s.Key
	top := o.cfg.Leaderboard.Top
	members, err := tx.Ranking(key, false)
	if err != nil {
		return leaderboard{}, err
	}
	units, err := tx.Ranking(key, true)
	if err != nil {
		return leaderboard{}, err
	}
	var text strings.Builder
	text.WriteString(texts.T(lang, "lb.title", period.Name(lang, s)))
	if len(members) == 0 && len(units) == 0 {
		text.WriteString(texts.T(lang, "lb.empty"))
		return leaderboard{text: text.String()}, nil
	}
	medal := func(rank int) string {
		if rank <= 3 {
			return []string{"🥇", "🥈", "🥉"}[rank-1]
		}
		return fmt.Sprintf("%d.", rank)
	}
	text.WriteString(texts.T(lang, "lb.members"))
	for i, s := range members {
		if i == top {
			break
		}
		m, _, err := tx.Member(s.Member)
		if err != nil {
			return leaderboard{}, err
		}
		text.WriteString(texts.T(lang, "lb.member_line", texts.HTML(medal(s.Rank)), displayName(lang, m), o.unitShort(tx, m.Unit), s.Points))
	}
	for _, s := range members {
		if s.Member == asker && s.Rank > top {
			text.WriteString(texts.T(lang, "lb.you", s.Rank, len(members), s.Points))
		}
	}
	text.WriteString(texts.T(lang, "lb.units"))
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
		text.WriteString(texts.T(lang, "lb.unit_line", texts.HTML(medal(s.Rank)), u.Name, s.Points))
		labels = append(labels, o.shortName(u))
		values = append(values, float64(s.Points))
	}
	if !withChart {
		return leaderboard{text: text.String()}, nil
	}
	chart, err := render.UnitsChart(texts.T(lang, "lb.chart_title", period.Name(lang, s)), labels, values, render.PNG)
	if err != nil {
		return leaderboard{}, err
	}
	return leaderboard{text: text.String(), chart: chart}, nil
}

// shortName is a unit's name as it fits a chart's label.
func (o *office) shortName(u storage.Unit) string {
	for _, cu := range o.cfg.Units {
		if cu.Code == u.Code && cu.Short != "" {
			return cu.Short
		}
	}
	return u.Code
}

// cmdLeaderboard shows the leaderboard of this month at once (or of the
// period given), with the other periods as buttons under it: text, then
// the chart. It works in the staff group too. A period pressed on a board
// redraws that board in place and posts its chart.
func cmdLeaderboard(c *Ctx) error {
	lang := c.Lang
	if c.Req.Group {
		lang = c.bot.cfg.Org.Language
	} else if !c.Me.Active() {
		return storage.Errorf(storage.EForbidden, reasonNotMember)
	}
	cmd := commandsByName["leaderboard"]
	kb, err := c.bot.periodButtons(lang, cmd)
	if err != nil {
		return err
	}
	s, err := period.Parse(c.Req.Args, c.bot.Now(), c.bot.loc, storage.Month)
	if err != nil {
		if !c.Req.Group {
			return err
		}
		// In the group a typo gets the board of this month, not a refusal.
		if s, err = period.Parse("", c.bot.Now(), c.bot.loc, storage.Month); err != nil {
			return err
		}
	}
	lb, err := c.bot.buildLeaderboard(c.tx, lang, s, c.Req.UserID)
	if err != nil {
		return err
	}
	if s.Start.After(c.bot.Now()) {
		lb = leaderboard{text: texts.T(lang, "lb.title", period.Name(lang, s)) + texts.T(lang, "lb.future")}
	}
	if c.Req.CallbackID != "" {
		if err := c.Edit(lb.text, kb...); err != nil {
			return err
		}
		return c.bot.postChart(c.tx, c.Req.ChatID, lb)
	}
	if err := c.bot.send(c.tx, c.Req.ChatID, lb.text, kb, nil); err != nil {
		return err
	}
	return c.bot.postChart(c.tx, c.Req.ChatID, lb)
}

func (o *office) postBoard(tx *storage.Tx, chatID int64, lb leaderboard) error {
	if err := o.send(tx, chatID, lb.text, nil, nil); err != nil {
		return err
	}
	return o.postChart(tx, chatID, lb)
}

// postChart posts a board's chart, when it has one.
func (o *office) postChart(tx *storage.Tx, chatID int64, lb leaderboard) error {
	if lb.chart == nil {
		return nil
	}
	_, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendPhoto, ChatID: chatID, Document: &storage.Document{Name: "bang-xep-hang.png", Data: lb.chart}})
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
		if tx.Reminders().Done(key) {
			return nil
		}
		month, err := period.Parse("", now, b.loc, storage.Month)
		if err != nil {
			return err
		}
		lb, err := b.buildLeaderboard(tx, b.cfg.Org.Language, month, 0)
		if err != nil {
			return err
		}
		if err := b.postBoard(tx, b.cfg.Telegram.GroupChatID, lb); err != nil {
			return err
		}
		return tx.Reminders().Record(key, storage.ReminderSent)
	})
	if err == nil {
		b.sender.Notify()
	}
	return err
}
