package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Duration is a length of time written like "90s", "2h" or "7d".
type Duration time.Duration

// UnmarshalText reads a duration, with "d" for days besides Go's units.
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return fmt.Errorf("%q is not a duration (write 7d, 36h or 90m)", s)
		}
		*d = Duration(time.Duration(n) * 24 * time.Hour)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a duration (write 7d, 36h or 90m)", s)
	}
	*d = Duration(v)
	return nil
}

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// CronSpec is a standard five-field cron spec, checked when read.
type CronSpec struct {
	Spec     string
	Schedule cron.Schedule
}

// UnmarshalText parses the spec.
func (c *CronSpec) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	sched, err := cron.ParseStandard(s)
	if err != nil {
		return fmt.Errorf("%q is not a cron spec (minute hour day month weekday): %v", s, err)
	}
	*c = CronSpec{Spec: s, Schedule: sched}
	return nil
}

func mustCron(s string) CronSpec {
	var c CronSpec
	if err := c.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return c
}

// Location is a time zone name such as Asia/Ho_Chi_Minh.
type Location struct{ *time.Location }

// UnmarshalText loads the zone.
func (l *Location) UnmarshalText(b []byte) error {
	loc, err := time.LoadLocation(strings.TrimSpace(string(b)))
	if err != nil || string(b) == "" {
		return fmt.Errorf("unknown time zone %q", b)
	}
	l.Location = loc
	return nil
}

// DateTime is a date-time written "2026-12-20 17:00" (a wall-clock time in
// the organisation's zone) or as RFC 3339 (with its own offset).
type DateTime struct {
	time.Time
	// Wall is set when no zone was written: In places it in the org's.
	Wall bool
}

// UnmarshalText reads the date-time.
func (d *DateTime) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		d.Time, d.Wall = t, false
		return nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02T15:04:05", "02/01/2006 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			d.Time, d.Wall = t, true
			return nil
		}
	}
	return fmt.Errorf("%q is not a date-time (write 2026-12-20 17:00)", s)
}

// In returns the time, reading a wall-clock time in loc.
func (d DateTime) In(loc *time.Location) time.Time {
	if !d.Wall {
		return d.Time
	}
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
}
