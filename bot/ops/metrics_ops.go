package ops

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// The metrics deploy/prometheus/thiduabot.rules.yml alerts on, beside
// those of NewMetrics (thiduabot_outbox_dead_letters among them). Times are Unix timestamps, as Prometheus's own are, so
// an alert reads `time() - metric > limit` and a restart of the bot does
// not hide an old fact the way an age counted from start-up would.
func registerOpsMetrics(m *Metrics, o Options) {
	started := float64(time.Now().UnixNano()) / 1e9
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name:        "thiduabot_telegram_last_contact_timestamp_seconds",
			Help:        "When a getUpdates call (polling) or a webhook call from Telegram last worked; the bot's start until one has.",
			ConstLabels: prometheus.Labels{"mode": o.Mode},
		}, func() float64 {
			if t := m.lastIntake.Load(); t > 0 {
				return float64(t) / 1e9
			}
			return started
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "thiduabot_backup_newest_timestamp_seconds",
			Help: "When the newest checked backup in storage.backup_dir was taken (read from its name; a copy gets its name only after it passed the check); the bot's start when there is none.",
		}, func() float64 {
			files, err := BackupFiles(o.BackupDir)
			if err == nil && len(files) > 0 {
				if t, ok := BackupTaken(files[len(files)-1], o.Loc); ok {
					return float64(t.UnixNano()) / 1e9
				}
			}
			return started
		}),
	)
}
