package config

import (
	"fmt"
	"strings"
	"time"
)

// Registration is the yearly window of đăng ký thi đua (the [registration]
// table): units and people register between opens and closes, each "MM-DD"
// of the year registered for; reminders go on the schedule remind, during
// the window only, to those not registered.
type Registration struct {
	Opens  MonthDay `toml:"opens"`
	Closes MonthDay `toml:"closes"`
	Remind CronSpec `toml:"remind"`
}

// MonthDay is a day of every year, written "MM-DD" ("01-31").
type MonthDay struct {
	Month time.Month
	Day   int
}

// UnmarshalText reads "MM-DD".
func (d *MonthDay) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	t, err := time.Parse("01-02", s)
	if err != nil {
		return fmt.Errorf("%q is not a day of the year written MM-DD, such as \"01-31\"", s)
	}
	*d = MonthDay{Month: t.Month(), Day: t.Day()}
	return nil
}

// MarshalText writes "MM-DD".
func (d MonthDay) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("%02d-%02d", int(d.Month), d.Day)), nil
}

// In is the day in year, at midnight in loc.
func (d MonthDay) In(year int, loc *time.Location) time.Time {
	return time.Date(year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Window is the registration window of year, [opens, the day after closes).
func (r Registration) Window(year int, loc *time.Location) (from, until time.Time) {
	return r.Opens.In(year, loc), r.Closes.In(year, loc).AddDate(0, 0, 1)
}

// check keeps the window in one year, closing after it opens.
func (r Registration) check() error {
	if r.Closes.In(2001, time.UTC).Before(r.Opens.In(2001, time.UTC)) {
		return &Error{Key: "registration.closes", Msg: "must not be before registration.opens"}
	}
	return nil
}

func defaultRegistration() Registration {
	return Registration{Opens: MonthDay{time.January, 1}, Closes: MonthDay{time.January, 31}, Remind: mustCron("0 8 * * 1")}
}
