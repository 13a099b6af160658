package bot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"thiduabot/bot"
	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// The infrastructure's benchmarks run on the large database (see bigBot),
// its indicators and works declared as the seed made them:
//
//	THIDUABOT_BIGDB=/tmp/big.db go test ./bot/ -run '^$' -bench Hatang -benchtime 20x
//
// Without it they run on a small one made here, so that their bodies run
// in every test run too (TestHatang_BenchmarksRunSmall).
func infraBot(tb testing.TB) (*bot.Bot, *storage.DB) {
	if os.Getenv("THIDUABOT_BIGDB") != "" {
		b, ok := tb.(*testing.B)
		if !ok {
			tb.Skip("the large database is for benchmarks")
		}
		bt, db, _ := bigBotWith(b, nil)
		return bt, db
	}
	path := filepath.Join(tb.TempDir(), "small.db")
	srv := tgtest.New(tb)
	cfg := bigConfig(srv, path)
	opt := cfg.StoreOptions()
	opt.Clock = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, hcm) }
	db, err := storage.Open(path, opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	o := storage.GenerateOptions{Units: 30, Members: 60, Ideas: 120, Progress: 200, Seed: 7, Infra: true,
		From: time.Date(2026, 1, 1, 8, 0, 0, 0, hcm), To: time.Date(2026, 11, 25, 17, 0, 0, 0, hcm)}
	if err := storage.Generate(db, o, func(string) {}); err != nil {
		tb.Fatal(err)
	}
	bt, err := bot.New(cfg, db, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return bt, db
}

// withGeneratedInfra declares the seed's indicators and works
// (storage.GeneratedInfra), so that the bot's sync keeps them.
func withGeneratedInfra(c *config.Config) {
	var units []string
	for _, u := range c.Units {
		units = append(units, u.Code)
	}
	inds, works := storage.GeneratedInfra(units, []int{2024, 2025, 2026})
	c.Indicators, c.Works = nil, nil
	for _, ind := range inds {
		ci := config.Indicator{Code: ind.Code, Name: ind.Name, Measure: ind.Measure, Kind: ind.Kind}
		for _, t := range ind.Targets {
			base, target := t.Baseline, t.Target
			ci.Targets = append(ci.Targets, config.IndicatorTarget{Unit: t.Unit, Year: t.Year, Baseline: &base, Target: &target})
		}
		c.Indicators = append(c.Indicators, ci)
	}
	for _, w := range works {
		cw := config.Work{Code: w.Code, Name: w.Name, Unit: w.Unit, Investment: w.Investment, Budget: w.Budget, OutsideBudget: w.OutsideBudget}
		for _, m := range w.Milestones {
			cw.Milestones = append(cw.Milestones, config.WorkMilestone{Name: m.Name, Due: config.Date{Time: m.Due}})
		}
		c.Works = append(c.Works, cw)
	}
}

// BenchmarkHatang_EveryUnit is /hatang for every unit: the directors'
// overview and each unit's indicators and works against the plan.
func BenchmarkHatang_EveryUnit(b *testing.B) {
	bt, db := infraBot(b)
	now := bt.Now()
	for b.Loop() {
		err := db.View(func(tx *storage.Tx) error {
			_, err := bot.HatangEveryUnit(bt, tx, now)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHatang_Summary is /summary of the quarter with the
// infrastructure's figures in it.
func BenchmarkHatang_Summary(b *testing.B) {
	bt, db := infraBot(b)
	for b.Loop() {
		err := db.View(func(tx *storage.Tx) error {
			_, err := bot.SummaryText(bt, tx, "")
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestHatang_BenchmarksRunSmall runs the benchmarks' bodies on the small
// database, so that none breaks unnoticed; and checks what they read.
func TestHatang_BenchmarksRunSmall(t *testing.T) {
	bt, db := infraBot(t)
	err := db.View(func(tx *storage.Tx) error {
		n, err := bot.HatangEveryUnit(bt, tx, bt.Now())
		if err != nil || n == 0 {
			return fmt.Errorf("HatangEveryUnit = %d, %v", n, err)
		}
		inds, _ := tx.Indicators()
		list, _ := tx.IndicatorReports("THON4G", "DV01")
		if len(inds) != 6 || len(list) < 11 {
			return fmt.Errorf("the seed made %d indicators and %d reports of THON4G for DV01; want 6 and three years' quarters", len(inds), len(list))
		}
		text, err := bot.SummaryText(bt, tx, "")
		if err != nil {
			return err
		}
		if !strings.Contains(text, "Chỉ tiêu của các đơn vị: 180") {
			return fmt.Errorf("the summary has no infrastructure block for 30 units × 6 indicators: %q", text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
