// Command thiduabot runs the emulation-movement bot.
//
//	thiduabot -config config.toml            run the bot (long polling)
//	thiduabot console [-config config.toml]  try it in the terminal, no token needed
//	thiduabot check-config -config FILE      check a configuration file
//	thiduabot backup -o FILE [-config FILE]  copy the database
//	thiduabot restore [-from FILE] [-config FILE]
//	                                         put a checked backup in place
//	thiduabot version                        the version, revision and Go that built it
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"thiduabot/bot"
	"thiduabot/bot/config"
	"thiduabot/storage"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "thiduabot:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	sub := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "":
		m := NewMain(stderr)
		if err := m.ParseFlags(args); err != nil {
			return err
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := m.Run(ctx)
		if cerr := m.Close(); err == nil {
			err = cerr
		}
		return err
	case "console":
		return runConsole(args, stdin, stdout)
	case "check-config":
		fs := flag.NewFlagSet("check-config", flag.ContinueOnError)
		path := fs.String("config", "config.toml", "configuration file")
		if err := fs.Parse(args); err != nil {
			return err
		}
		cfg, err := config.Load(*path)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: OK (%d units, %d deadlines, mode %s)\n", *path, len(cfg.Units), len(cfg.Deadlines), cfg.Telegram.Mode)
		return nil
	case "backup":
		return runBackup(args, stdout)
	case "restore":
		return runRestore(args, stdout)
	case "seed":
		return runSeed(args, stdout)
	case "version":
		fmt.Fprintln(stdout, currentBuild())
		return nil
	}
	return fmt.Errorf("unknown command %q (want console, check-config, backup, restore, seed or version)", sub)
}

// Main is the running program: its configuration, database and bot, so
// that end-to-end tests can share the set-up (as wtf's cmd does).
type Main struct {
	ConfigPath string
	Config     *config.Config
	DB         *storage.DB
	Bot        *bot.Bot
	Log        *slog.Logger

	logOut io.Writer
}

// NewMain returns a Main that logs to w.
func NewMain(w io.Writer) *Main { return &Main{logOut: w} }

// ParseFlags reads the command line and the configuration file.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("thiduabot", flag.ContinueOnError)
	fs.StringVar(&m.ConfigPath, "config", "config.toml", "configuration file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load(m.ConfigPath)
	if err != nil {
		return err
	}
	m.Config = cfg
	return nil
}

// Open opens the database and makes the bot, without starting it.
func (m *Main) Open() error {
	m.Log = bot.NewLogger(m.logOut, m.Config.Log.Format, m.Config.Log.Level, m.Config.Telegram.Token)
	if dir := filepath.Dir(m.Config.Storage.Path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
	}
	// An upgrade migrates the file here, before the bot says it is ready:
	// on a large file that can take minutes (docs/operations.md), while
	// http.listen answers /healthz with 503 "migrating".
	m.Log.Info("opening the database; after an upgrade this migrates it, which can take minutes on a large file", "db", m.Config.Storage.Path, "schema", storage.SchemaVersion)
	sdNotify("STATUS=opening the database (after an upgrade: migrating it)")
	storage.MigrationLog = m.Log
	stopServing := serveWhileOpening(m.Config.HTTP.Listen, m.Log)
	db, err := storage.Open(m.Config.Storage.Path, m.Config.StoreOptions())
	stopServing()
	var damage *storage.DamageError
	if errors.As(err, &damage) {
		return damagedHelp(m.Config, m.ConfigPath, damage)
	}
	if err != nil {
		return err
	}
	m.DB = db
	b, err := bot.New(m.Config, db, m.Log)
	if err != nil {
		return err
	}
	m.Bot = b
	return nil
}

// Run opens everything and runs the bot until ctx ends (SIGINT, SIGTERM):
// then it stops taking updates, finishes those in hand and the messages in
// flight, and returns.
func (m *Main) Run(ctx context.Context) error {
	if m.DB == nil {
		if err := m.Open(); err != nil {
			return err
		}
	}
	m.Log.Info("thiduabot starting", append(currentBuild().logAttrs(), "db", m.Config.Storage.Path, "mode", m.Config.Telegram.Mode)...)
	if err := sdNotify("READY=1\nSTATUS=running"); err != nil {
		m.Log.Warn("telling systemd the bot is ready", "err", err)
	}
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			sdNotify("STOPPING=1\nSTATUS=finishing the updates in hand and the messages in flight")
		case <-stopped:
		}
	}()
	err := m.Bot.Run(ctx)
	m.Log.Info("thiduabot stopped")
	return err
}

// Close closes the database.
func (m *Main) Close() error {
	if m.DB != nil {
		return m.DB.Close()
	}
	return nil
}

// runBackup copies the database to a file: it asks the running bot for a
// hot copy (through http.listen), or copies the file when the bot is stopped.
func runBackup(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	path := fs.String("config", "config.toml", "configuration file")
	out := fs.String("o", "", "file to write the copy to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: give the file to write with -o FILE")
	}
	cfg, err := config.Load(*path)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(*out, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	var n int64
	db, err := storage.Open(cfg.Storage.Path, cfg.StoreOptions())
	switch {
	case err == nil:
		n, err = db.WriteTo(f)
		db.Close()
	case errors.Is(err, storage.ErrLocked) && cfg.HTTP.Listen != "":
		n, err = fetchBackup(cfg.HTTP.Listen, f)
	case errors.Is(err, storage.ErrLocked):
		err = errors.New("backup: the bot is running and http.listen is off; set http.listen so the bot can hand over a hot copy, or stop it first")
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return err
	}
	if err := storage.CheckFile(*out); err != nil {
		return fmt.Errorf("backup: the copy fails the check: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes), check passed\n", *out, n)
	return nil
}

// fetchBackup asks the running bot for a hot copy of its database.
func fetchBackup(listen string, w io.Writer) (int64, error) {
	host := listen
	if strings.HasPrefix(host, ":") {
		host = "127.0.0.1" + host
	}
	resp, err := http.Get("http://" + host + "/backup")
	if err != nil {
		return 0, fmt.Errorf("backup: asking the running bot: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("backup: the running bot answered %s", resp.Status)
	}
	return io.Copy(w, resp.Body)
}

// runSeed builds a large made-up database, for benchmarks and for trying
// the bot at scale.
func runSeed(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	out := fs.String("o", "big.db", "the database file to create")
	o := storage.GenerateOptions{Seed: 1, Infra: true}
	fs.IntVar(&o.Units, "units", 30, "units")
	fs.IntVar(&o.Members, "members", 10000, "members")
	fs.IntVar(&o.Ideas, "ideas", 200000, "ideas")
	fs.IntVar(&o.Progress, "progress", 1000000, "progress entries")
	fs.BoolVar(&o.VariedTexts, "varied", false, "varied titles and descriptions (for search), not one text for all")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("seed: %s exists; give a new file", *out)
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	db, err := storage.Open(*out, storage.Options{Loc: loc, Scoring: config.Default().ScoringTable()})
	if err != nil {
		return err
	}
	defer db.Close()
	o.From, o.To = time.Date(2026, 1, 1, 8, 0, 0, 0, loc), time.Date(2026, 11, 25, 17, 0, 0, 0, loc)
	start := time.Now()
	err = storage.Generate(db, o, func(s string) { fmt.Fprintf(stdout, "%v  %s\n", time.Since(start).Round(time.Second), s) })
	if err != nil {
		return err
	}
	if _, err := db.SyncScoring(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%v  done: %s\n", time.Since(start).Round(time.Second), *out)
	return nil
}
