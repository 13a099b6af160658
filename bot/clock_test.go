package bot_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"thiduabot/bot/delivery"
)

// clock is the movable clock of the bot and its database: real time until
// a test sets it (Set) or moves it on (Advance). The bot's pauses before a
// retry (Sleep) last until the clock has moved past their end: while it is
// set, only Advance ends them.
type clock struct {
	mu       sync.Mutex
	t        time.Time     // the time, once set
	skew     time.Duration // added to real time until then
	changed  chan struct{} // closed and replaced when the clock moves or a pause begins
	sleeps   []time.Duration
	sleeping map[*time.Time]bool // the ends of the pauses under way
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *clock) nowLocked() time.Time {
	if c.t.IsZero() {
		return time.Now().Add(c.skew)
	}
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
	c.notifyLocked()
}

// RunFrom makes the clock run, in step with real time, from t.
func (c *clock) RunFrom(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t, c.skew = time.Time{}, time.Until(t)
	c.notifyLocked()
}

// Running is the time as if the clock had never been set: real time,
// moved on by Advance while it runs. The sender reads it: its limits need
// a clock that runs.
func (c *clock) Running() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.skew)
}

// Advance moves the clock on by d (back, when d is negative).
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.t.IsZero() {
		c.skew += d
	} else {
		c.t = c.t.Add(d)
	}
	c.notifyLocked()
}

func (c *clock) notifyLocked() {
	if c.changed != nil {
		close(c.changed)
	}
	c.changed = make(chan struct{})
}

// Sleep is the bot's Sleep: it notes the pause and lasts until the clock
// has moved d on, or ctx ends.
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	until := c.nowLocked().Add(d)
	c.sleeps = append(c.sleeps, d)
	if c.sleeping == nil {
		c.sleeping = map[*time.Time]bool{}
	}
	c.sleeping[&until] = true
	c.notifyLocked()
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.sleeping, &until)
		c.mu.Unlock()
	}()
	for {
		c.mu.Lock()
		left, set, changed := until.Sub(c.nowLocked()), !c.t.IsZero(), c.changed
		c.mu.Unlock()
		if left <= 0 {
			return nil
		}
		var timer *time.Timer
		var ring <-chan time.Time
		if !set {
			timer = time.NewTimer(left)
			ring = timer.C
		}
		select {
		case <-ctx.Done():
		case <-changed:
		case <-ring:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// pause waits until the bot has asked for its n-th pause (counting from
// 0), and returns it.
func (c *clock) pause(t testing.TB, n int) time.Duration {
	t.Helper()
	deadline := time.After(wait)
	for {
		c.mu.Lock()
		if len(c.sleeps) > n {
			d := c.sleeps[n]
			c.mu.Unlock()
			return d
		}
		if c.changed == nil {
			c.changed = make(chan struct{})
		}
		changed := c.changed
		c.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("the bot did not pause a %d-th time", n+1)
		}
	}
}

// pausedPast reports whether the bot is in a pause that ends after now.
func (c *clock) pausedPast(now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for until := range c.sleeping {
		if until.After(now) {
			return true
		}
	}
	return false
}

// pausesFrom returns the pauses the bot asked for, from the n-th on.
func (c *clock) pausesFrom(n int) []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps[n:])
}

// pauses returns how many pauses the bot has asked for.
func (c *clock) pauses() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.sleeps)
}

// runningClock is the sender's clock in the tests: the clock as it runs
// (Running), moved on by Advance, with real timers under it, as the
// sender's limits need a clock that runs.
type runningClock struct{ c *clock }

func (r runningClock) Now() time.Time { return r.c.Running() }

func (r runningClock) NewTimer(d time.Duration) delivery.Timer { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (t realTimer) C() <-chan time.Time   { return t.t.C }
func (t realTimer) Reset(d time.Duration) { t.t.Reset(d) }
func (t realTimer) Stop()                 { t.t.Stop() }

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func at(day int, hour, minute int) time.Time {
	return time.Date(2026, 12, day, hour, minute, 0, 0, hcm)
}

func on(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, hcm)
}
