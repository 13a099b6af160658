package bot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"thiduabot/bot"
	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// The benchmarks below run on a large database made by
//
//	go run ./cmd/thiduabot seed -o /tmp/big.db   (10,000 members, 30 units, 200,000 ideas, 1,000,000 progress; ~3 min)
//	THIDUABOT_BIGDB=/tmp/big.db go test ./bot/ -run '^$' -bench Big -benchtime 20x
//
// and are skipped without it, except under -short: then each runs once on
// a small database made for it (CI runs every benchmark's body so, so
// that one that cannot finish fails it).
func bigBot(b *testing.B) (*bot.Bot, *storage.DB) {
	bt, db, _ := bigBotWith(b, nil)
	return bt, db
}

// bigBotWith is bigBot with its configuration changed by edit first.
func bigBotWith(b *testing.B, edit func(*config.Config)) (*bot.Bot, *storage.DB, *config.Config) {
	path := bigDBPath(b)
	srv := tgtest.New(b)
	cfg := bigConfig(srv, path)
	if edit != nil {
		edit(cfg)
	}
	opt := cfg.StoreOptions()
	opt.Clock = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, hcm) }
	db, err := storage.Open(path, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	bt, err := bot.New(cfg, db, nil)
	if err != nil {
		b.Fatal(err)
	}
	return bt, db, cfg
}

// bigDBPath is $THIDUABOT_BIGDB; under -short without it, a small
// database seeded as `thiduabot seed` does (30 units, 300 members, 3,000
// ideas, 6,000 progress entries) in the benchmark's folder; else the
// benchmark is skipped.
func bigDBPath(b *testing.B) string {
	if path := os.Getenv("THIDUABOT_BIGDB"); path != "" {
		return path
	}
	if !testing.Short() {
		b.Skip("set THIDUABOT_BIGDB to a database made by `thiduabot seed` (or run with -short, on a small one)")
	}
	path := filepath.Join(b.TempDir(), "small.db")
	db, err := storage.Open(path, storage.Options{Loc: hcm, Scoring: config.Default().ScoringTable()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	o := storage.GenerateOptions{Units: 30, Members: 300, Ideas: 3000, Progress: 6000, Seed: 1, VariedTexts: true,
		From: time.Date(2026, 1, 1, 8, 0, 0, 0, hcm), To: time.Date(2026, 11, 25, 17, 0, 0, 0, hcm)}
	if err := storage.Generate(db, o, func(string) {}); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SyncScoring(); err != nil {
		b.Fatal(err)
	}
	return path
}

func bigConfig(srv *tgtest.Server, path string) *config.Config {
	cfg := config.Example()
	cfg.Telegram.APIURL, cfg.Telegram.Token = srv.URL, srv.Token
	cfg.Storage.Path = path
	cfg.Units = nil
	for u := 0; u < 30; u++ {
		cfg.Units = append(cfg.Units, config.Unit{Code: fmt.Sprintf("DV%02d", u+1), Name: fmt.Sprintf("Đơn vị số %d", u+1), Heads: []int64{int64(20000 + u)}, Target: 100_000_000})
	}
	withGeneratedInfra(&cfg) // the seed's indicators and works, so the sync keeps them
	return &cfg
}

func BenchmarkBig_LeaderboardText(b *testing.B) {
	bt, db := bigBot(b)
	for b.Loop() {
		db.View(func(tx *storage.Tx) error {
			_, err := bot.LeaderboardText(bt, tx, storage.Month)
			return err
		})
	}
}

func BenchmarkBig_LeaderboardWithChart(b *testing.B) {
	bt, db := bigBot(b)
	for b.Loop() {
		db.View(func(tx *storage.Tx) error {
			_, err := bot.LeaderboardWithChart(bt, tx, storage.Month)
			return err
		})
	}
}

func BenchmarkBig_Summary(b *testing.B) {
	bt, db := bigBot(b)
	for b.Loop() {
		db.View(func(tx *storage.Tx) error {
			_, err := bot.SummaryText(bt, tx, "")
			return err
		})
	}
}

func BenchmarkBig_Export(b *testing.B) {
	bt, _ := bigBot(b)
	dir := b.TempDir()
	for b.Loop() {
		var peak, peakLive atomic.Uint64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ms runtime.MemStats
			live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
				metrics.Read(live)
				if v := live[0].Value.Uint64(); v > peakLive.Load() {
					peakLive.Store(v)
				}
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		n, err := bt.Export("2026", filepath.Join(dir, "x.xlsx"), filepath.Join(dir, "x.csv"))
		took := time.Since(start)
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		fi, _ := os.Stat(filepath.Join(dir, "x.xlsx"))
		b.ReportMetric(float64(n), "ideas")
		b.ReportMetric(took.Seconds(), "s-per-export")
		b.ReportMetric(float64(peak.Load())/(1<<20), "MB-peak-heap-in-use")
		b.ReportMetric(float64(peakLive.Load())/(1<<20), "MB-peak-live-heap")
		b.ReportMetric(float64(fi.Size())/(1<<20), "MB-xlsx")
	}
}

func BenchmarkBig_Startup(b *testing.B) {
	path := bigDBPath(b)
	srv := tgtest.New(b)
	cfg := bigConfig(srv, path)
	// A file of an older schema is migrated once, at its first opening
	// (building the search index takes seconds): that is not a start-up.
	db, err := storage.Open(path, cfg.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	for b.Loop() {
		db, err := storage.Open(path, cfg.StoreOptions())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bot.New(cfg, db, nil); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
