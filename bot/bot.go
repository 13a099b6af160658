// Package bot is everything Telegram-facing in thiduabot: taking updates,
// routing them to conversations, authorising every action from the stored
// role, and delivering the outbox within Telegram's limits.
//
// Data flows one way: an update is parsed here, storage changes state and
// writes the messages it causes to the outbox in the same transaction, and
// the delivery package's Sender delivers them.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/robfig/cron/v3"

	"thiduabot/bot/config"
	"thiduabot/bot/delivery"
	"thiduabot/bot/ops"
	"thiduabot/storage"
)

// Bot is the running bot: its connection to Telegram, its sender, its
// schedules and what went wrong under it. What it does from the records
// and the configuration alone, in a transaction it is given — the cards,
// texts, sheets and notices — is its office's.
type Bot struct {
	*office
	db      *storage.DB
	log     *slog.Logger
	client  *tg.Bot
	http    *http.Client
	sender  *delivery.Sender
	metrics *ops.Metrics
	// endpoints are what the operators' endpoints read (bot/ops).
	endpoints ops.Options

	// Sleep waits d, or until ctx ends (then it returns ctx's error): the
	// pause before a retry. Tests replace it, with Now, to step through
	// the retries without waiting.
	Sleep func(ctx context.Context, d time.Duration) error

	// faults are what went wrong under the bot (diskfull.go, damage.go).
	faults faults

	// username is the bot's @name, learnt from getMe, for invite links.
	username string

	wg sync.WaitGroup
}

// New makes a bot from its configuration and an open database, and brings
// the stored organisation in line with the configuration.
func New(cfg *config.Config, db *storage.DB, log *slog.Logger) (*Bot, error) {
	if log == nil {
		log = slog.Default()
	}
	if cfg.Telegram.Token == "" {
		return nil, errors.New("bot: no token: set telegram.token or THIDUABOT_TOKEN")
	}
	b := &Bot{
		office: &office{cfg: cfg, loc: cfg.Org.Timezone.Location, now: db.Now},
		db:     db,
		log:    log,
		http:   &http.Client{Timeout: cfg.Telegram.PollTimeout.D() + 15*time.Second},
	}
	b.Sleep = sleep
	client, err := tg.New(cfg.Telegram.Token,
		tg.WithServerURL(strings.TrimSuffix(cfg.Telegram.APIURL, "/")),
		tg.WithSkipGetMe(),
		tg.WithHTTPClient(30*time.Second, &http.Client{Timeout: 30 * time.Second, Transport: newAPITransport(delivery.MaxInFlight + 4)}),
		tg.WithErrorsHandler(func(err error) { log.Error("telegram client", "err", b.redact(err.Error())) }),
	)
	if err != nil {
		return nil, fmt.Errorf("bot: %s", b.redact(err.Error()))
	}
	b.client = client
	b.sender = delivery.NewSender(db, delivery.NewTelegram(client), cfg.Limits, log)
	b.sender.Digest = digest
	b.sender.Undeliverable = b.undeliverable
	b.sender.Left = b.left
	b.sender.DeadLettered = b.deadLettered
	b.endpoints = ops.Options{DB: db, Sender: b.sender, Log: log, Mode: cfg.Telegram.Mode,
		BackupDir: cfg.Storage.BackupDir, Loc: b.loc, Problem: b.storageProblem}
	b.metrics = ops.NewMetrics(b.endpoints)
	if db.Loc().String() != b.loc.String() {
		return nil, fmt.Errorf("bot: the database was opened in the zone %s, the organisation's is %s: open it with config.StoreOptions", db.Loc(), b.loc)
	}
	ops.CleanPartialBackups(cfg.Storage.BackupDir, log)
	if err := db.SyncOrg(orgFromConfig(cfg)); err != nil {
		return nil, err
	}
	if err := db.SyncInfra(cfg.Infra(b.loc)); err != nil {
		return nil, err
	}
	if rebuilt, err := db.SyncScoring(); err != nil {
		return nil, err
	} else if rebuilt {
		log.Info("the scoring table changed: points rebuilt from history")
	}
	if err := b.syncDeadlines(); err != nil {
		return nil, err
	}
	return b, nil
}

func orgFromConfig(cfg *config.Config) storage.Org {
	org := storage.Org{Directors: cfg.Org.Directors, Admins: cfg.Org.Admins}
	for _, u := range cfg.Units {
		org.Units = append(org.Units, storage.OrgUnit{Code: u.Code, Name: u.Name, Heads: u.Heads, Target: u.Target})
	}
	return org
}

// Sender returns the bot's outbox sender.
func (b *Bot) Sender() *delivery.Sender { return b.sender }

// redact removes the bot token from a text meant for a log: the client's
// URLs contain it.
func (o *office) redact(s string) string {
	if t := o.cfg.Telegram.Token; t != "" {
		s = strings.ReplaceAll(s, t, "<token>")
	}
	return s
}

// Run takes updates and delivers the outbox until ctx ends; then it
// finishes the updates in hand and the messages in flight, and returns.
func (b *Bot) Run(ctx context.Context) error {
	if err := b.hello(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil
		}
		return err
	}
	b.setCommands(ctx)

	sendCtx, stopSender := context.WithCancel(context.Background())
	defer stopSender()
	senderDone := make(chan struct{})
	go func() {
		defer close(senderDone)
		b.sender.Run(sendCtx)
	}()
	go b.pruneLoop(ctx)
	b.cleanExports()

	// Catch up on what fell due while the bot was down, then check every
	// minute: cron only triggers; Sweep decides from stored facts.
	if err := b.Sweep(); err != nil {
		b.log.Error("reminder sweep", "err", err)
	}
	if err := b.PostLeaderboard(); err != nil {
		b.log.Error("leaderboard posting", "err", err)
	}
	sched := cron.New(cron.WithLocation(b.loc), cron.WithChain(cron.Recover(cronLogger{b.log})))
	sched.AddFunc("* * * * *", func() {
		if err := b.Sweep(); err != nil {
			b.log.Error("reminder sweep", "err", err)
		}
	})
	sched.AddFunc(b.cfg.Leaderboard.Schedule.Spec, func() {
		if err := b.PostLeaderboard(); err != nil {
			b.log.Error("leaderboard posting", "err", err)
		}
	})
	sched.AddFunc(b.cfg.Summary.DigestSchedule.Spec, func() {
		if err := b.PostDigest(); err != nil {
			b.log.Error("weekly digest", "err", err)
		}
	})
	sched.AddFunc(b.cfg.Registration.Remind.Spec, func() {
		if err := b.RemindRegistration(); err != nil {
			b.log.Error("registration reminders", "err", err)
		}
	})
	sched.AddFunc(b.cfg.Waste.Remind.Spec, func() {
		if err := b.RemindWasteCases(); err != nil {
			b.log.Error("overdue waste cases", "err", err)
		}
	})
	sched.AddFunc(b.cfg.Waste.RegisterSchedule.Spec, func() {
		if err := b.PreviewWasteRegister(); err != nil {
			b.log.Error("register of handled waste cases", "err", err)
		}
	})
	sched.AddFunc(b.cfg.Storage.BackupSchedule.Spec, func() {
		if path, err := b.Backup(); err != nil {
			b.log.Error("scheduled backup", "err", err)
			b.toAdminsDirect("law.ops.backup_failed", b.redact(err.Error()))
		} else {
			b.log.Info("backup written and checked", "path", path)
		}
	})
	sched.Start()

	if b.cfg.HTTP.Listen != "" {
		ln, err := net.Listen("tcp", b.cfg.HTTP.Listen)
		if err != nil {
			return fmt.Errorf("http.listen: %w", err)
		}
		b.log.Info("health and metrics", "listen", ln.Addr().String())
		opsCtx, stopOps := context.WithCancel(context.Background())
		defer stopOps()
		go ops.ServeUntil(opsCtx, &http.Server{Handler: b.OpsHandler(), ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: ops.HeaderBytes}, ln)
	}
	if b.cfg.Dashboard.URL != "" && b.cfg.Dashboard.Listen != "" {
		ln, err := net.Listen("tcp", b.cfg.Dashboard.Listen)
		if err != nil {
			return fmt.Errorf("dashboard.listen: %w", err)
		}
		b.log.Info("dashboard", "listen", ln.Addr().String(), "url", b.cfg.Dashboard.URL)
		dashCtx, stopDash := context.WithCancel(context.Background())
		defer stopDash()
		go ops.ServeUntil(dashCtx, &http.Server{Handler: b.DashboardHandler(), ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: ops.HeaderBytes}, ln)
	}

	var err error
	if b.cfg.Telegram.Mode == "webhook" {
		register := func(ctx context.Context) error {
			_, err := b.client.SetWebhook(ctx, &tg.SetWebhookParams{
				URL: b.cfg.Telegram.WebhookURL, SecretToken: b.cfg.Telegram.WebhookSecret,
				AllowedUpdates: []string{"message", "callback_query"},
			})
			if err != nil {
				return errors.New(b.redact(err.Error()))
			}
			return nil
		}
		err = ops.ServeWebhook(ctx, b.cfg.Telegram.WebhookListen, register,
			ops.Webhook(b.cfg.Telegram.WebhookSecret, b.HandleUpdate, laneOf, b.metrics, b.log), b.log)
	} else {
		// A webhook left from webhook mode would make getUpdates fail.
		if _, derr := b.client.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); derr != nil && ctx.Err() == nil {
			b.log.Warn("deleteWebhook", "err", b.redact(derr.Error()))
		}
		err = b.poll(ctx)
	}
	<-sched.Stop().Done()
	b.wg.Wait()
	// The poll loop has committed everything it took; let the sender
	// finish what is in flight, then stop.
	stopSender()
	<-senderDone
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// hello asks Telegram who the bot is, retrying until it answers or ctx
// ends: a bot that starts while the network is down waits for it.
func (b *Bot) hello(ctx context.Context) error {
	delay := time.Second
	for {
		me, err := b.client.GetMe(ctx)
		if err == nil {
			b.username = me.Username
			b.log.Info("connected to Telegram", "bot", me.Username)
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, tg.ErrorUnauthorized) || errors.Is(err, tg.ErrorNotFound) {
			return fmt.Errorf("bot: Telegram refused the token: %s", b.redact(err.Error()))
		}
		b.log.Warn("getMe failed; retrying", "err", b.redact(err.Error()), "in", delay)
		if err := b.Sleep(ctx, delay); err != nil {
			return err
		}
		delay = min(2*delay, 30*time.Second)
	}
}

func (b *Bot) pruneLoop(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := b.db.PruneUpdates(); err != nil {
				b.log.Error("prune processed updates", "err", err)
			} else if n > 0 {
				b.log.Debug("pruned processed updates", "n", n)
			}
		}
	}
}

// cronLogger lets cron report a job's panic through the bot's log.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// cleanExports removes export files left by a crash between making a file
// and sending it (the update is handled again, and makes a new one).
func (o *office) cleanExports() {
	files, _ := filepath.Glob(filepath.Join(o.exportDir(), "*"))
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(f)
		}
	}
}
