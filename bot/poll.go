package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// pollBatch is how many updates one getUpdates asks for.
const pollBatch = 100

// poll takes updates with long polling until ctx ends. The offset that
// confirms a batch to Telegram is sent only with the next getUpdates,
// after every update of the batch has been handled and committed: an
// update taken but not handled before a crash comes again afterwards.
//
// (go-telegram/bot's own loop confirms an update before its handler runs,
// so the bot keeps its own loop and uses the library to send.)
func (b *Bot) poll(ctx context.Context) error {
	var offset int64
	// The pauses before the next getUpdates: after it failed, and after
	// updates could not be stored (a full disk: taken again, not confirmed).
	var fetchDelay, storeDelay time.Duration
	for {
		if wait := max(fetchDelay, storeDelay); wait > 0 {
			if err := b.Sleep(ctx, wait); err != nil {
				return err
			}
		}
		updates, err := b.getUpdates(ctx, offset)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			fetchDelay = retryDelay(fetchDelay)
			b.log.Warn("getUpdates failed", "err", b.redact(err.Error()), "retry_in", fetchDelay)
			continue
		}
		fetchDelay = 0
		b.metrics.Contacted()
		if len(updates) == 0 {
			continue
		}
		if err := b.HandleBatch(updates); err != nil {
			// Not confirmed: they are taken again after the pause. One
			// line a pause: the cause was said once (diskfull.go).
			storeDelay = retryDelay(storeDelay)
			b.log.Error("updates not stored; will take them again", "err", err, "retry_in", storeDelay)
			continue
		}
		storeDelay = 0
		offset = updates[len(updates)-1].ID + 1
	}
}

// retryDelay is the pause after another failure, following one of last:
// 1 s, 2 s, 4 s … up to 30 s.
func retryDelay(last time.Duration) time.Duration {
	return min(max(2*last, time.Second), 30*time.Second)
}

// sleep is Bot.Sleep in earnest.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

type apiAnswer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

func (b *Bot) getUpdates(ctx context.Context, offset int64) ([]*models.Update, error) {
	body, _ := json.Marshal(map[string]any{
		"offset":          offset,
		"limit":           pollBatch,
		"timeout":         int(b.cfg.Telegram.PollTimeout.D().Seconds()),
		"allowed_updates": []string{"message", "callback_query"},
	})
	url := strings.TrimSuffix(b.cfg.Telegram.APIURL, "/") + "/bot" + b.cfg.Telegram.Token + "/getUpdates"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	var ans apiAnswer
	if err := json.Unmarshal(data, &ans); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d: undecodable answer", resp.StatusCode)
	}
	if !ans.OK {
		if ans.Parameters.RetryAfter > 0 {
			b.Sleep(ctx, time.Duration(ans.Parameters.RetryAfter)*time.Second)
		}
		return nil, fmt.Errorf("getUpdates: %d %s", ans.ErrorCode, ans.Description)
	}
	var updates []*models.Update
	if err := json.Unmarshal(ans.Result, &updates); err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	return updates, nil
}

// HandleBatch handles updates and returns once the effect of every one is
// committed. Updates from one person are handled in order; different
// people's at the same time, so that their commits share an fsync.
func (b *Bot) HandleBatch(updates []*models.Update) error {
	lanes := map[int64][]*models.Update{}
	var order []int64
	for _, u := range updates {
		k := laneOf(u)
		if _, ok := lanes[k]; !ok {
			order = append(order, k)
		}
		lanes[k] = append(lanes[k], u)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(order))
	for i, k := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, u := range lanes[k] {
				if err := b.HandleUpdate(u); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// laneOf is the user an update comes from: their updates keep their order.
func laneOf(u *models.Update) int64 {
	switch {
	case u.Message != nil && u.Message.From != nil:
		return u.Message.From.ID
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	}
	return 0
}
