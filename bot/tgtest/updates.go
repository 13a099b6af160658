package tgtest

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
)

func (s *Server) pushLocked(kind string, body map[string]any) int64 {
	s.nextUpd++
	id := s.nextUpd
	raw, _ := json.Marshal(map[string]any{"update_id": id, kind: body})
	s.updates = append(s.updates, raw)
	s.updateIDs = append(s.updateIDs, id)
	s.notifyLocked()
	return id
}

func (s *Server) getUpdates(ctx context.Context, params map[string]string) (any, *apiError) {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(params["timeout"])
	for p := range params {
		if !slices.Contains(methods["getUpdates"].optional, p) {
			return nil, bad("unknown parameter %q", p)
		}
	}
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	s.mu.Lock()
	s.pollers++
	defer func() { s.pollers--; s.notifyLocked(); s.mu.Unlock() }()
	if f := s.faultLocked("getUpdates", ""); f != nil { // (its Delay is not waited)
		status := cmp.Or(f.Status, http.StatusBadGateway)
		return nil, &apiError{status: status, desc: http.StatusText(status), retryAfter: f.RetryAfter, drop: f.Drop}
	}
	if s.webhook != "" {
		return nil, &apiError{status: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	s.notifyLocked()
	for {
		if s.closed {
			return []json.RawMessage{}, nil
		}
		// An offset confirms every update before it.
		if offset > 0 {
			i := 0
			for i < len(s.updateIDs) && s.updateIDs[i] < offset {
				i++
			}
			s.updates, s.updateIDs = s.updates[i:], s.updateIDs[i:]
		}
		if len(s.updates) > 0 || timeout == 0 {
			n := min(limit, len(s.updates))
			return slices.Clone(s.updates[:n]), nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
			s.mu.Lock()
		case <-deadline.C:
			s.mu.Lock()
			timeout = 0
		case <-ctx.Done():
			s.mu.Lock()
			return nil, &apiError{status: 499, desc: "client went away"}
		}
	}
}

// Pending returns how many updates have not been confirmed by the bot.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// Pollers returns how many getUpdates calls are waiting now.
func (s *Server) Pollers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pollers
}

// WaitConfirmed waits until the bot has confirmed every update up to id
// (asked for a later offset).
func (s *Server) WaitConfirmed(id int64, timeout time.Duration) error {
	return s.WaitFor(timeout, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.updateIDs) == 0 || s.updateIDs[0] > id
	})
}
