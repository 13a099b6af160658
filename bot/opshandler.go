package bot

import (
	"net/http"

	"thiduabot/bot/ops"
)

// OpsHandler serves the operators' endpoints (bot/ops): /healthz,
// /metrics and /backup, and the dashboard under /dashboard/ when it has
// no listener of its own.
func (b *Bot) OpsHandler() http.Handler {
	var dash http.Handler
	if b.cfg.Dashboard.URL != "" && b.cfg.Dashboard.Listen == "" {
		dash = b.DashboardHandler()
	}
	return ops.Handler(b.endpoints, b.metrics, dash)
}
