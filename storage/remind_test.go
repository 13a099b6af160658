package storage_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"thiduabot/storage"
)

var (
	hcm, _      = time.LoadLocation("Asia/Ho_Chi_Minh")
	quarterDue  = time.Date(2026, 12, 20, 17, 0, 0, 0, hcm)
	quarter     = storage.Period{Key: "q@1", Name: "Báo cáo quý", Due: quarterDue}
	remindUnits = []storage.Unit{{Code: "VP", Name: "Văn phòng Sở"}, {Code: "TT", Name: "Thanh tra Sở"}, {Code: "CNTT", Name: "Phòng CNTT"}}
	schedule    = storage.ReminderSchedule{
		Before:       []time.Duration{7 * 24 * time.Hour, 3 * 24 * time.Hour, 24 * time.Hour, 2 * time.Hour},
		OverdueEvery: 24 * time.Hour,
		Grace:        12 * time.Hour,
	}
)

// brief writes reminders as their keys less the period's, a skipped one
// marked "skip", the directors' list with the units it names.
func brief(rs []storage.Reminder) []string {
	var out []string
	for _, r := range rs {
		s := strings.TrimPrefix(r.Key, r.Period.Key+"|")
		if r.Kind == storage.RemindDirectors {
			var codes []string
			for _, u := range r.Missing {
				codes = append(codes, u.Code)
			}
			s += " missing " + strings.Join(codes, ",")
		}
		if r.Skip {
			s += " skip"
		}
		out = append(out, s)
	}
	return out
}

func TestReminderSchedule_DueReminders(t *testing.T) {
	day := 24 * time.Hour
	vpReported := map[storage.PeriodUnit]storage.Report{{Period: "q@1", Unit: "VP"}: {Unit: "VP"}}
	// sent says the keys listed were sent or skipped before.
	sent := func(keys ...string) func(string) bool {
		return func(k string) bool {
			for _, s := range keys {
				if k == "q@1|"+s {
					return true
				}
			}
			return false
		}
	}
	nothingSent := sent()
	allBefore := sent("VP|b10080", "VP|b4320", "VP|b1440", "VP|b120", "TT|b10080", "TT|b4320", "TT|b1440", "TT|b120", "CNTT|b10080", "CNTT|b4320", "CNTT|b1440", "CNTT|b120")
	for _, tc := range []struct {
		name    string
		now     time.Time
		reports map[storage.PeriodUnit]storage.Report
		done    func(string) bool
		want    []string
	}{
		{"a minute before the 7-day mark", quarterDue.Add(-7*day - time.Minute), nil, nothingSent, nil},
		{"at the 7-day mark, each unit", quarterDue.Add(-7 * day), nil, nothingSent, []string{"VP|b10080", "TT|b10080", "CNTT|b10080"}},
		{"a unit that reported gets none", quarterDue.Add(-7 * day), vpReported, nothingSent, []string{"TT|b10080", "CNTT|b10080"}},
		{"once sent, not again", quarterDue.Add(-7*day + time.Hour), nil, sent("VP|b10080", "TT|b10080"), []string{"CNTT|b10080"}},
		{"the 3-day mark, the 7-day one sent", quarterDue.Add(-3 * day), vpReported, sent("TT|b10080", "CNTT|b10080"), []string{"TT|b4320", "CNTT|b4320"}},
		{"back within the grace: sent late", quarterDue.Add(-3*day + 12*time.Hour), vpReported, sent("TT|b10080", "CNTT|b10080"), []string{"TT|b4320", "CNTT|b4320"}},
		{"back past the grace: skipped", quarterDue.Add(-3*day + 13*time.Hour), vpReported, sent("TT|b10080", "CNTT|b10080"), []string{"TT|b4320 skip", "CNTT|b4320 skip"}},
		{"every offset in order, the old ones skipped", quarterDue.Add(-2 * time.Hour), vpReported, nothingSent,
			[]string{"TT|b10080 skip", "TT|b4320 skip", "TT|b1440 skip", "TT|b120", "CNTT|b10080 skip", "CNTT|b4320 skip", "CNTT|b1440 skip", "CNTT|b120"}},
		{"at the due time, the directors' list", quarterDue, vpReported, allBefore, []string{"*|due missing TT,CNTT"}},
		{"every unit reported: an empty list still goes", quarterDue, map[storage.PeriodUnit]storage.Report{{Period: "q@1", Unit: "VP"}: {}, {Period: "q@1", Unit: "TT"}: {}, {Period: "q@1", Unit: "CNTT"}: {}}, nothingSent, []string{"*|due missing "}},
		{"a day overdue", quarterDue.Add(day), vpReported, sent("*|due", "TT|b10080", "TT|b4320", "TT|b1440", "TT|b120", "CNTT|b10080", "CNTT|b4320", "CNTT|b1440", "CNTT|b120"),
			[]string{"TT|o1", "CNTT|o1"}},
		{"overdue every interval, the first past the grace", quarterDue.Add(2*day + time.Hour), vpReported, sent("*|due", "TT|b10080", "TT|b4320", "TT|b1440", "TT|b120", "CNTT|b10080", "CNTT|b4320", "CNTT|b1440", "CNTT|b120"),
			[]string{"TT|o1 skip", "TT|o2", "CNTT|o1 skip", "CNTT|o2"}},
		{"overdue, the first sent", quarterDue.Add(2 * day), vpReported, sent("*|due", "TT|b10080", "TT|b4320", "TT|b1440", "TT|b120", "CNTT|b10080", "CNTT|b4320", "CNTT|b1440", "CNTT|b120", "TT|o1", "CNTT|o1"),
			[]string{"TT|o2", "CNTT|o2"}},
	} {
		got := brief(schedule.DueReminders(tc.now, []storage.Period{quarter}, remindUnits, tc.reports, tc.done))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: DueReminders = %q; want %q", tc.name, got, tc.want)
		}
	}
}

func TestReminderSchedule_WhatEachReminderCarries(t *testing.T) {
	rs := schedule.DueReminders(quarterDue, []storage.Period{quarter}, remindUnits, nil, func(k string) bool { return !strings.HasSuffix(k, "|b120") && !strings.HasSuffix(k, "|due") })
	if len(rs) != 4 {
		t.Fatalf("DueReminders = %q; want the 2-hour reminder of 3 units and the directors' list", brief(rs))
	}
	for i, u := range remindUnits {
		if r := rs[i]; r.Kind != storage.RemindBefore || r.Unit != u || r.Period != quarter || r.Skip {
			t.Errorf("reminder %d = %+v; want one before the due time to %s", i, r, u.Code)
		}
	}
	if r := rs[3]; r.Kind != storage.RemindDirectors || !reflect.DeepEqual(r.Missing, remindUnits) || r.Unit != (storage.Unit{}) {
		t.Errorf("directors' list = %+v; want every unit missing", r)
	}
}

func TestReminderSchedule_ClosedPeriodsAndSeveralPeriods(t *testing.T) {
	closed := quarter
	closed.Closed = true
	month := storage.Period{Key: "m@2", Name: "Báo cáo tháng", Due: quarterDue.Add(-24 * time.Hour)}
	now := quarterDue.Add(-2 * time.Hour)
	only := func(k string) bool { return !strings.Contains(k, "|b120") && !strings.HasSuffix(k, "|due") }
	keys := func(rs []storage.Reminder) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Key)
		}
		return out
	}
	got := keys(schedule.DueReminders(now, []storage.Period{month, closed}, remindUnits[:1], nil, only))
	want := []string{"m@2|VP|b120", "m@2|*|due"} // the month's; the closed quarter has none
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DueReminders = %q; want %q", got, want)
	}
	got = keys(schedule.DueReminders(now, []storage.Period{month, quarter}, remindUnits[:1], nil, only))
	want = []string{"m@2|VP|b120", "m@2|*|due", "q@1|VP|b120"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("two periods: DueReminders = %q; want %q", got, want)
	}
}

func TestReminderSchedule_LeadIsTheEarliestReminder(t *testing.T) {
	for _, tc := range []struct {
		before []time.Duration
		want   time.Duration
	}{
		{schedule.Before, 7 * 24 * time.Hour},
		{[]time.Duration{2 * time.Hour, 3 * 24 * time.Hour}, 3 * 24 * time.Hour},
		{nil, 0},
	} {
		if got := (storage.ReminderSchedule{Before: tc.before}).Lead(); got != tc.want {
			t.Errorf("Lead(%v) = %v; want %v", tc.before, got, tc.want)
		}
	}
}

func TestDeadline_Occurrences(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tz data:", err)
	}
	quarterly := storage.Deadline{Spec: "0 17 20 3,6,9,12 *", Cursor: time.Date(2026, 12, 1, 0, 0, 0, 0, hcm)}
	single := storage.Deadline{DueAt: quarterDue, Cursor: time.Date(2026, 12, 1, 0, 0, 0, 0, hcm)}
	nightly := storage.Deadline{Spec: "30 1 * * *", Cursor: time.Date(2026, 10, 31, 12, 0, 0, 0, ny)}
	for _, tc := range []struct {
		name       string
		d          storage.Deadline
		through    time.Time
		loc        *time.Location
		want       []time.Time
		wantCursor time.Time
	}{
		{"recurring, not yet", quarterly, quarterDue.Add(-time.Minute), hcm, nil, quarterly.Cursor},
		{"recurring, due", quarterly, quarterDue, hcm, []time.Time{quarterDue}, quarterDue},
		{"recurring, two at once", quarterly, time.Date(2027, 3, 20, 17, 0, 0, 0, hcm), hcm, []time.Time{quarterDue, time.Date(2027, 3, 20, 17, 0, 0, 0, hcm)}, time.Date(2027, 3, 20, 17, 0, 0, 0, hcm)},
		{"single, not yet", single, quarterDue.Add(-time.Minute), hcm, nil, single.Cursor},
		{"single, due", single, quarterDue, hcm, []time.Time{quarterDue}, quarterDue},
		{"single, made already", storage.Deadline{DueAt: quarterDue, Cursor: quarterDue}, quarterDue.Add(24 * time.Hour), hcm, nil, quarterDue},
		// 01:30 comes twice on 1 November 2026 in New York: one period, the cursor past both.
		{"the clocks fall back", nightly, time.Date(2026, 11, 1, 3, 0, 0, 0, ny), ny,
			[]time.Time{time.Date(2026, 11, 1, 1, 30, 0, 0, ny)}, time.Date(2026, 11, 1, 1, 30, 0, 0, ny).Add(time.Hour)},
	} {
		got, cursor, err := tc.d.Occurrences(tc.through, tc.loc)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(got) != len(tc.want) || !cursor.Equal(tc.wantCursor) {
			t.Errorf("%s: Occurrences = %v, cursor %v; want %v, cursor %v", tc.name, got, cursor, tc.want, tc.wantCursor)
			continue
		}
		for i := range got {
			if !got[i].Equal(tc.want[i]) {
				t.Errorf("%s: occurrence %d = %v; want %v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
	if _, _, err := (storage.Deadline{Spec: "not a spec"}).Occurrences(quarterDue, hcm); err == nil {
		t.Error("a bad cron spec gave no error")
	}
}
