// Package ops is what the operators reach over HTTP: /healthz, /metrics,
// /backup (a hot copy of the database), the checked backups in the backup
// folder, and the listener Telegram's webhook posts to. It reads the
// running bot only through Options: the database, the sender's counts,
// and the one question only the bot can answer (what is wrong with the
// storage).
package ops

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"thiduabot/bot/delivery"
	"thiduabot/storage"
)

// Options are what the operators' endpoints read of the running bot.
type Options struct {
	DB     *storage.DB
	Sender interface{ Stats() delivery.Stats } // the sender's counts of calls sent, refused, set aside
	Log    *slog.Logger

	// Mode is telegram.mode (polling or webhook), a label of the last
	// contact with Telegram; BackupDir the folder of checked backups,
	// named in Loc, the organisation's zone.
	Mode      string
	BackupDir string
	Loc       *time.Location

	// Problem is why the storage cannot serve as it should (a full disk,
	// a damaged file), or "".
	Problem func() string
}

// Metrics are what /metrics exposes.
type Metrics struct {
	reg        *prometheus.Registry
	updates    *prometheus.CounterVec
	latency    prometheus.Histogram
	reminders  prometheus.Counter
	lastIntake atomic.Int64 // unix nanoseconds of the last getUpdates or webhook call that worked
	lastBackup atomic.Int64
}

// NewMetrics registers the bot's metrics, reading o.
func NewMetrics(o Options) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.updates = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "thiduabot_updates_total", Help: "Telegram updates handled, by result."}, []string{"result"})
	m.latency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "thiduabot_update_seconds", Help: "Time to handle an update and commit its effect.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)})
	m.reminders = prometheus.NewCounter(prometheus.CounterOpts{Name: "thiduabot_reminders_sent_total", Help: "Deadline reminders and notices sent."})
	backlog := func() (int, time.Time) {
		n, oldest, err := o.DB.OutboxLen()
		if err != nil {
			return -1, time.Time{}
		}
		return n, oldest
	}
	stat := func(f func(delivery.Stats) int) func() float64 {
		return func() float64 { return float64(f(o.Sender.Stats())) }
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
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_storage_write_failures_total", Help: "Write transactions whose commit failed (a full disk): nothing of them was stored."}, func() float64 { return float64(o.DB.WriteFailures()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_messages_sent_total", Help: "Bot API calls Telegram accepted."}, stat(func(s delivery.Stats) int { return s.Sent })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_telegram_429_total", Help: "Calls Telegram answered with 429 Too Many Requests."}, stat(func(s delivery.Stats) int { return s.RateLimited })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "thiduabot_messages_set_aside_total", Help: "Messages Telegram refused for good."}, stat(func(s delivery.Stats) int { return s.SetAside })),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "thiduabot_outbox_dead_letters", Help: "Outbox entries that can never be sent, set aside for the operators (unknown method, refused for good after bounded tries)."}, func() float64 {
			n, err := o.DB.DeadLetterCount()
			if err != nil {
				return -1
			}
			return float64(n)
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "thiduabot_backup_age_seconds", Help: "Age of the newest checked backup (-1: none yet)."}, func() float64 {
			t := m.lastBackup.Load()
			if t == 0 {
				return -1
			}
			return time.Since(time.Unix(0, t)).Seconds()
		}),
	)
	registerOpsMetrics(m, o)
	return m
}

// Observe counts a handled update.
func (m *Metrics) Observe(start time.Time, result string) {
	m.updates.WithLabelValues(result).Inc()
	m.latency.Observe(time.Since(start).Seconds())
}

// Reminded counts reminders and notices sent.
func (m *Metrics) Reminded(n int) { m.reminders.Add(float64(n)) }

// Contacted records that a getUpdates or webhook call from Telegram worked.
func (m *Metrics) Contacted() { m.lastIntake.Store(time.Now().UnixNano()) }

// BackedUp records that a checked backup was written.
func (m *Metrics) BackedUp() { m.lastBackup.Store(time.Now().UnixNano()) }

// Handler serves the operators' endpoints: /healthz, /metrics and
// /backup (a hot copy of the database), and the dashboard under
// /dashboard/ when it is given (it has no listener of its own).
func Handler(o Options, m *Metrics, dashboard http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		n, oldest, dbErr := o.DB.OutboxLen()
		last := m.lastIntake.Load()
		dead, _ := o.DB.DeadLetterCount()
		h := map[string]any{"database": "ok", "outbox_backlog": n, "outbox_dead_letters": dead}
		status := http.StatusOK
		if dbErr != nil {
			h["database"], status = dbErr.Error(), http.StatusServiceUnavailable
		}
		if problem := o.Problem(); problem != "" { // a full disk, a damaged file
			h["database"], status = problem, http.StatusServiceUnavailable
		}
		if _, ok := storage.Migrating(); ok { // a file opened while the bot runs (a restore)
			h["database"], status = "migrating", http.StatusServiceUnavailable
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
	if dashboard != nil {
		// Only this prefix is for the reverse proxy to pass on (README).
		mux.Handle("/dashboard/", http.StripPrefix("/dashboard", dashboard))
	}
	mux.HandleFunc("/backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		if _, err := o.DB.WriteTo(w); err != nil {
			o.Log.Error("backup over HTTP", "err", err)
		}
	})
	return mux
}

// HeaderBytes is the request head the dashboard's listeners read: above
// Go's 1 MiB default, so an oversized query string reaches the handler
// and gets its 400 rather than a 431.
const HeaderBytes = 2 << 20
