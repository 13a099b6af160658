package bot

import (
	tg "github.com/go-telegram/bot"

	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// maxWebhookBody is the largest update the webhook takes (Telegram's are
// far smaller).
const maxWebhookBody = 1 << 20

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
			// Telegram sends it again, on its own schedule: a full disk
			// was said once (diskfull.go), not once a delivery.
			level := slog.LevelError
			if storage.IsDiskFull(err) {
				level = slog.LevelDebug
			}
			b.log.Log(r.Context(), level, "webhook update not stored; Telegram will send it again", "update", u.ID, "err", err)
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
		if ctx.Err() != nil { // stopped while starting: a clean stop
			return ctx.Err()
		}
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
