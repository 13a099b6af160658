package bot

// Test-only entry points for the large-database benchmarks (package
// bot_test), kept out of the binary.

import (
	"thiduabot/bot/period"
	"time"

	"thiduabot/storage"
)

// LeaderboardText builds the period's leaderboard text from storage (the
// benchmark's entry point; the chart is measured apart).
func LeaderboardText(b *Bot, tx *storage.Tx, kind storage.PeriodKind) (string, error) {
	s, err := period.Parse("", b.Now(), b.loc, kind)
	if err != nil {
		return "", err
	}
	lb, err := b.buildLeaderboardParts(tx, b.cfg.Org.Language, s, 0, false)
	return lb.text, err
}

// LeaderboardWithChart builds the leaderboard with its PNG chart.
func LeaderboardWithChart(b *Bot, tx *storage.Tx, kind storage.PeriodKind) ([]byte, error) {
	s, err := period.Parse("", b.Now(), b.loc, kind)
	if err != nil {
		return nil, err
	}
	lb, err := b.buildLeaderboardParts(tx, b.cfg.Org.Language, s, 0, true)
	return lb.chart, err
}

// SummaryText builds /summary's answer for a period ("" = this quarter).
func SummaryText(b *Bot, tx *storage.Tx, period string) (string, error) {
	s, err := b.parseSpan(period)
	if err != nil {
		return "", err
	}
	return b.summaryText(tx, b.cfg.Org.Language, s)
}

// Working is working, for a test of what a person waiting is shown.
func Working(b *Bot, chatID int64, lang string, estimate time.Duration) (stop func()) {
	return b.working(chatID, lang, estimate)
}
