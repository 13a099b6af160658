package ops

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// maxWebhookBody is the largest update the webhook takes (Telegram's are
// far smaller).
const maxWebhookBody = 1 << 20

// Webhook takes updates from Telegram's webhook: it refuses a missing or
// wrong secret (401, compared in constant time), a body over 1 MiB (413)
// and malformed JSON (400), changing nothing; it answers 200 only once
// handle has stored the update's effect, so Telegram sends again what was
// not. Updates of one lane (laneOf: one person's) are handled one at a
// time, in the order they come.
func Webhook(secret string, handle func(*models.Update) error, laneOf func(*models.Update) int64, m *Metrics, log *slog.Logger) http.Handler {
	key := []byte(secret)
	var lanes [64]sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(key) == 0 || subtle.ConstantTimeCompare(got, key) != 1 {
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
		lane := &lanes[uint64(laneOf(&u))%uint64(len(lanes))]
		lane.Lock()
		err = handle(&u)
		lane.Unlock()
		if err != nil {
			// Telegram sends it again, on its own schedule: a full disk
			// was said once (diskfull.go), not once a delivery.
			level := slog.LevelError
			if storage.IsDiskFull(err) {
				level = slog.LevelDebug
			}
			log.Log(r.Context(), level, "webhook update not stored; Telegram will send it again", "update", u.ID, "err", err)
			http.Error(w, "not stored", http.StatusInternalServerError)
			return
		}
		m.Contacted()
		w.WriteHeader(http.StatusOK)
	})
}

// ServeWebhook listens on addr, has register tell Telegram where to post
// (setWebhook), and serves h there until ctx ends, then lets the updates
// in hand finish.
func ServeWebhook(ctx context.Context, addr string, register func(context.Context) error, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	if err := register(ctx); err != nil {
		ln.Close()
		if ctx.Err() != nil { // stopped while starting: a clean stop
			return ctx.Err()
		}
		return fmt.Errorf("webhook: setWebhook: %s", err)
	}
	log.Info("webhook registered", "listen", ln.Addr().String())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return ServeUntil(ctx, srv, ln)
}

// ServeUntil serves until ctx ends, then shuts down gracefully.
func ServeUntil(ctx context.Context, srv *http.Server, ln net.Listener) error {
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
