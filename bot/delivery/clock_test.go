package delivery

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when a test moves it, and lets the
// test see when the sender waits on it: the sender arms its timer just
// before it blocks, so "armed" means "idle until then, unless woken".
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	timers  []*fakeTimer
	armings int           // how many times a timer was armed
	changed chan struct{} // closed and replaced when a timer is armed
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), changed: make(chan struct{})}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	t := &fakeTimer{clock: c, c: make(chan time.Time, 1)}
	c.mu.Lock()
	c.timers = append(c.timers, t)
	c.mu.Unlock()
	t.Reset(d)
	return t
}

// Advance moves the clock by d and fires the timers whose time came.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.timers {
		if t.armed && !t.at.After(c.now) {
			t.armed = false
			select {
			case t.c <- c.now:
			default:
			}
		}
	}
}

// waitArmed waits until a timer is armed after the armings-th arming, and
// returns when it fires and the count of armings so far. Real time bounds
// the wait, in case the sender never waits again.
func (c *fakeClock) waitArmed(t testing.TB, after int) (time.Time, int) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		if c.armings > after {
			var at time.Time
			for _, tm := range c.timers {
				if tm.armed && (at.IsZero() || tm.at.Before(at)) {
					at = tm.at
				}
			}
			n := c.armings
			c.mu.Unlock()
			if !at.IsZero() {
				return at, n
			}
			after = n
			continue
		}
		ch := c.changed
		c.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			t.Fatal("the sender never waited on its clock")
		}
	}
}

// waitArmedAt waits until the sender waits until at.
func (c *fakeClock) waitArmedAt(t testing.TB, at time.Time) {
	t.Helper()
	armings := 0
	for {
		var next time.Time
		next, armings = c.waitArmed(t, armings)
		if next.Equal(at) {
			return
		}
	}
}

// waitUntil waits until cond holds, checking it each time the sender arms
// its timer: it does so at the end of every turn of its loop, so any
// change the loop makes is followed by one.
func (c *fakeClock) waitUntil(t testing.TB, cond func() bool) {
	t.Helper()
	armings := 0
	for !cond() {
		_, armings = c.waitArmed(t, armings)
	}
}

type fakeTimer struct {
	clock *fakeClock
	c     chan time.Time
	at    time.Time
	armed bool
}

func (t *fakeTimer) C() <-chan time.Time { return t.c }

func (t *fakeTimer) Reset(d time.Duration) {
	c := t.clock
	c.mu.Lock()
	defer c.mu.Unlock()
	select { // no value left from the earlier setting
	case <-t.c:
	default:
	}
	t.at, t.armed = c.now.Add(d), true
	if d <= 0 {
		t.armed = false
		t.c <- c.now
	}
	c.armings++
	close(c.changed)
	c.changed = make(chan struct{})
}

func (t *fakeTimer) Stop() {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	t.armed = false
}
