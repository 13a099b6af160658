package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"time"

	"thiduabot/storage"
)

// While the database is opened (a schema migration can take minutes on a
// large file), the operators' address answers /healthz with 503
// "migrating" and how far the migration is, instead of refusing the
// connection; the bot's own endpoints take the address over once it is
// open. Telegram keeps the updates unconfirmed meanwhile, as on a full
// disk.

// migratingHandler answers every request with 503 and, for /healthz,
// the migration's progress as status reports it.
func migratingHandler(status func() (storage.MigrationStatus, bool)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := map[string]any{"database": "opening"}
		if s, ok := status(); ok {
			h["database"] = "migrating"
			h["migration_to_version"] = s.To
			h["migration_running"] = time.Since(s.Started).Round(time.Second).String()
			if s.Total > 0 {
				h["migration_done"], h["migration_total"] = s.Done, s.Total
			}
			if left, ok := s.Left(time.Now()); ok {
				h["migration_left"] = left.Round(time.Second).String()
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(h)
	})
}

// serveWhileOpening serves migratingHandler on listen (nothing when it is
// empty or taken) until the returned stop is called.
func serveWhileOpening(listen string, log *slog.Logger) (stop func()) {
	if listen == "" {
		return func() {}
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		log.Warn("cannot answer on http.listen while the database opens", "listen", listen, "err", err)
		return func() {}
	}
	srv := &http.Server{Handler: migratingHandler(storage.Migrating), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() { srv.Serve(ln); close(done) }()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	}
}
