package delivery

import (
	"context"
	"sync"
	"testing"
	"time"

	"thiduabot/storage"
)

// recorder is an API that notes each call with its clock's time, then
// makes it through next; with no next, the call succeeds (fail may refuse
// it), and the message made gets the entry's id.
type recorder struct {
	next  API
	clock Clock
	fail  func(storage.Message) error

	mu      sync.Mutex
	calls   []call
	changed chan struct{} // closed and replaced on every call
}

type call struct {
	at  time.Time
	msg storage.Message
}

func newRecorder(clock Clock, next API) *recorder {
	return &recorder{next: next, clock: clock, changed: make(chan struct{})}
}

func (r *recorder) Call(ctx context.Context, m storage.Message) (int, error) {
	r.mu.Lock()
	r.calls = append(r.calls, call{r.clock.Now(), m})
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
	if r.next != nil {
		return r.next.Call(ctx, m)
	}
	if r.fail != nil {
		if err := r.fail(m); err != nil {
			return 0, err
		}
	}
	return int(m.ID), nil
}

// made returns the calls so far.
func (r *recorder) made() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

// waitCalls waits until n calls were made (real time bounds the wait).
func (r *recorder) waitCalls(t testing.TB, n int) []call {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		if len(r.calls) >= n {
			out := append([]call(nil), r.calls...)
			r.mu.Unlock()
			return out
		}
		ch := r.changed
		r.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("%d calls made; want %d", len(r.made()), n)
		}
	}
}
