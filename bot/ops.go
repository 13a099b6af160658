package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"thiduabot/bot/delivery"
	"thiduabot/storage"
)

// maxWebhookBody is the largest update the webhook takes (Telegram's are
// far smaller).
const maxWebhookBody = 1 << 20

// metrics are what /metrics exposes.
type metrics struct {
	reg        *prometheus.Registry
	updates    *prometheus.CounterVec
	latency    prometheus.Histogram
	reminders  prometheus.Counter
	lastIntake atomic.Int64 // unix nanoseconds of the last getUpdates or webhook call that worked
	lastBackup atomic.Int64
}

func newMetrics(b *Bot) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.updates = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "thiduabot_updates_total", Help: "Telegram updates handled, by result."}, []string{"result"})
	m.latency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "thiduabot_update_seconds", Help: "Time to handle an update and commit its effect.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)})
	m.reminders = prometheus.NewCounter(prometheus.CounterOpts{Name: "thiduabot_reminders_sent_total", Help: "Deadline reminders and notices sent."})
	backlog := func() (int, time.Time) {
		n, oldest, err := b.db.OutboxLen()
		if err != nil {
			return -1, time.Time{}
		}
		return n, oldest
	}
	stat := func(f func(delivery.Stats) int) func() float64 {
		return func() float64 { return float64(f(b.sender.Stats())) }
	}
	m.reg.MustRegister(m.updates, m.latency, m.reminders,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "thiduabot_outbox_backlog", Help: "Messages waiting in the outbox."}, func() float64 { n, _ := backlog(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "thiduabot_outbox_oldest_seconds", Help: "Age of the oldest message waiting in the outbox."}, func() float64 {
			_, oldest := backlog()
			if oldest.IsZero() {
				return 0
			}
			return time.Since(oldest).Seconds()
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_messages_sent_total", Help: "Bot API calls Telegram accepted."}, stat(func(s delivery.Stats) int { return s.Sent })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_telegram_429_total", Help: "Calls Telegram answered with 429 Too Many Requests."}, stat(func(s delivery.Stats) int { return s.RateLimited })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_messages_set_aside_total", Help: "Messages Telegram refused for good."}, stat(func(s delivery.Stats) int { return s.SetAside })),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "thiduabot_backup_age_seconds", Help: "Age of the newest checked backup (-1: none yet)."}, func() float64 {
			t := m.lastBackup.Load()
			if t == 0 {
				return -1
			}
			return time.Since(time.Unix(0, t)).Seconds()
		}),
	)
	return m
}

// observe counts a handled update.
func (m *metrics) observe(start time.Time, result string) {
	m.updates.WithLabelValues(result).Inc()
	m.latency.Observe(time.Since(start).Seconds())
}

// OpsHandler serves the operators' endpoints: /healthz, /metrics and
// /backup (a hot copy of the database).
func (b *Bot) OpsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(b.metrics.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		n, oldest, dbErr := b.db.OutboxLen()
		last := b.metrics.lastIntake.Load()
		h := map[string]any{"database": "ok", "outbox_backlog": n}
		status := http.StatusOK
		if dbErr != nil {
			h["database"], status = dbErr.Error(), http.StatusServiceUnavailable
		}
		if !oldest.IsZero() {
			h["outbox_oldest"] = oldest.UTC().Format(time.RFC3339)
		}
		if last > 0 {
			h["last_intake"] = time.Unix(0, last).UTC().Format(time.RFC3339)
		} else {
			h["last_intake"] = nil
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(h)
	})
	mux.HandleFunc("/backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		if _, err := b.db.WriteTo(w); err != nil {
			b.log.Error("backup over HTTP", "err", err)
		}
	})
	return mux
}

// WebhookHandler takes updates from Telegram's webhook: it refuses a
// missing or wrong secret (401, compared in constant time), a body over
// 1 MiB (413) and malformed JSON (400), changing nothing; it answers 200
// only once the update's effect is stored, so Telegram sends again what
// was not.
func (b *Bot) WebhookHandler() http.Handler {
	secret := []byte(b.cfg.Telegram.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			http.Error(w, "wrong secret", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody+1))
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		if len(body) > maxWebhookBody {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		var u models.Update
		if err := json.Unmarshal(body, &u); err != nil || u.ID == 0 {
			http.Error(w, "not an update", http.StatusBadRequest)
			return
		}
		// Telegram may post on several connections at once: one person's
		// updates are still handled one at a time, in the order they come.
		lane := &b.lanes[uint64(laneOf(&u))%uint64(len(b.lanes))]
		lane.Lock()
		err = b.HandleUpdate(&u)
		lane.Unlock()
		if err != nil {
			b.log.Error("webhook update not stored; Telegram will send it again", "update", u.ID, "err", err)
			http.Error(w, "not stored", http.StatusInternalServerError)
			return
		}
		b.metrics.lastIntake.Store(time.Now().UnixNano())
		w.WriteHeader(http.StatusOK)
	})
}

// serveWebhook registers the webhook with Telegram and serves it until ctx
// ends, then lets the updates in hand finish.
func (b *Bot) serveWebhook(ctx context.Context) error {
	ln, err := net.Listen("tcp", b.cfg.Telegram.WebhookListen)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	_, err = b.client.SetWebhook(ctx, &tg.SetWebhookParams{
		URL: b.cfg.Telegram.WebhookURL, SecretToken: b.cfg.Telegram.WebhookSecret,
		AllowedUpdates: []string{"message", "callback_query"},
	})
	if err != nil {
		ln.Close()
		return fmt.Errorf("webhook: setWebhook: %s", b.redact(err.Error()))
	}
	b.log.Info("webhook registered", "listen", ln.Addr().String())
	srv := &http.Server{Handler: b.WebhookHandler(), ReadHeaderTimeout: 10 * time.Second}
	return serveUntil(ctx, srv, ln)
}

// serveUntil serves until ctx ends, then shuts down gracefully.
func serveUntil(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return ctx.Err()
}

// Backup writes a hot copy of the database to the backup folder, checks
// it with bbolt's consistency check before counting it, and keeps the
// newest storage.backup_keep copies.
func (b *Bot) Backup() (string, error) {
	dir := b.cfg.Storage.BackupDir
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".partial-*.db")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := b.db.WriteTo(tmp); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := storage.CheckFile(tmp.Name()); err != nil {
		return "", fmt.Errorf("backup: the copy fails the check: %w", err)
	}
	now := b.Now()
	name := filepath.Join(dir, "thiduabot-"+now.In(b.loc).Format("20060102-150405.000")+".db")
	if err := os.Rename(tmp.Name(), name); err != nil {
		return "", err
	}
	b.metrics.lastBackup.Store(time.Now().UnixNano())
	return name, b.pruneBackups()
}

func (b *Bot) pruneBackups() error {
	matches, err := filepath.Glob(filepath.Join(b.cfg.Storage.BackupDir, "thiduabot-*.db"))
	if err != nil {
		return err
	}
	sort.Strings(matches) // the names sort by time
	for len(matches) > b.cfg.Storage.BackupKeep {
		if err := os.Remove(matches[0]); err != nil {
			return err
		}
		matches = matches[1:]
	}
	return nil
}

// cmdBackup sends an admin a fresh backup in chat (when small enough for
// Telegram), or says where it is.
func (b *Bot) cmdBackup(c *Ctx) error {
	var buf strings.Builder
	n, err := b.db.WriteTo(&buf)
	if err != nil {
		return err
	}
	if n > 45<<20 {
		return c.Reply(c.T("backup.too_large", b.cfg.Storage.BackupDir))
	}
	name := "thiduabot-" + c.Now().In(b.loc).Format("20060102-1504") + ".db"
	_, err = c.Enqueue(storage.Message{Method: storage.MethodSendDocument, ChatID: c.Req.ChatID, Text: c.T("backup.caption"),
		Document: &storage.Document{Name: name, Data: []byte(buf.String())}})
	return err
}
