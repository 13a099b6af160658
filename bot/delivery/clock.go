package delivery

import "time"

// Clock is the time the sender keeps to: Telegram's limits, retry_after,
// backoff, and its own pauses. A Now alone would not do: the sender also
// waits, and a test that moves time must be able to wake it, and to see
// when it waits, without sleeping.
type Clock interface {
	Now() time.Time
	// NewTimer is time.NewTimer on this clock.
	NewTimer(d time.Duration) Timer
}

// Timer is a time.Timer on a Clock.
type Timer interface {
	// C receives when the timer fires.
	C() <-chan time.Time
	// Reset makes the timer fire d from now, and only then: a value the
	// earlier setting left in C is gone (as with time.Timer since Go 1.23).
	Reset(d time.Duration)
	Stop()
}

// dbClock is the database's clock (the one clock the bot, the transactions
// and the sender read), with the machine's timers to wait on.
type dbClock struct{ now func() time.Time }

func (c dbClock) Now() time.Time               { return c.now() }
func (dbClock) NewTimer(d time.Duration) Timer { return systemTimer{time.NewTimer(d)} }

type systemTimer struct{ t *time.Timer }

func (t systemTimer) C() <-chan time.Time   { return t.t.C }
func (t systemTimer) Reset(d time.Duration) { t.t.Reset(d) }
func (t systemTimer) Stop()                 { t.t.Stop() }
