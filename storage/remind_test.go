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
		got := brief(schedule.DueReminders(tc.now, []storage.Period{quarter}, remindUnits, tc.reports, asSent(tc.done)))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: DueReminders = %q; want %q", tc.name, got, tc.want)
		}
	}
}

func TestReminderSchedule_WhatEachReminderCarries(t *testing.T) {
	rs := schedule.DueReminders(quarterDue, []storage.Period{quarter}, remindUnits, nil, asSent(func(k string) bool { return !strings.HasSuffix(k, "|b120") && !strings.HasSuffix(k, "|due") }))
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
	got := keys(schedule.DueReminders(now, []storage.Period{month, closed}, remindUnits[:1], nil, asSent(only)))
	want := []string{"m@2|VP|b120", "m@2|*|due"} // the month's; the closed quarter has none
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DueReminders = %q; want %q", got, want)
	}
	got = keys(schedule.DueReminders(now, []storage.Period{month, quarter}, remindUnits[:1], nil, asSent(only)))
	want = []string{"m@2|VP|b120", "m@2|*|due", "q@1|VP|b120"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("two periods: DueReminders = %q; want %q", got, want)
	}
}

// A reminder whose offset falls before its period opened is never due;
// the later ones of the same period are.
func TestReminderSchedule_NoReminderBeforeThePeriodOpened(t *testing.T) {
	day := 24 * time.Hour
	added := quarter
	added.Opens = quarterDue.Add(-2 * day) // a single deadline added two days before it is due
	for _, tc := range []struct {
		name string
		now  time.Time
		want []string
	}{
		{"when added: the 7-day and 3-day marks had passed", added.Opens, nil},
		{"at the 1-day mark", quarterDue.Add(-day), []string{"VP|b1440"}},
		{"at the 2-hour mark", quarterDue.Add(-2 * time.Hour), []string{"VP|b1440 skip", "VP|b120"}},
	} {
		got := brief(schedule.DueReminders(tc.now, []storage.Period{added}, remindUnits[:1], nil, asSent(func(string) bool { return false })))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: DueReminders = %q; want %q", tc.name, got, tc.want)
		}
	}
}

func TestDeadline_Occurrences(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tz data:", err)
	}
	dec1 := time.Date(2026, 12, 1, 0, 0, 0, 0, hcm)
	sep20 := time.Date(2026, 9, 20, 17, 0, 0, 0, hcm)
	mar20 := time.Date(2027, 3, 20, 17, 0, 0, 0, hcm)
	// Came on 1 December, in the middle of the quarter's period.
	quarterly := storage.Deadline{Spec: "0 17 20 3,6,9,12 *", Cursor: dec1}
	// The December period made: the next one opens at its due time.
	made := storage.Deadline{Spec: quarterly.Spec, Cursor: quarterDue}
	single := storage.Deadline{DueAt: quarterDue, Cursor: dec1, Added: dec1}
	nightly := storage.Deadline{Spec: "30 1 * * *", Cursor: time.Date(2026, 10, 31, 12, 0, 0, 0, ny)}
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 11, day, hour, minute, 0, 0, ny) }
	for _, tc := range []struct {
		name       string
		d          storage.Deadline
		through    time.Time
		loc        *time.Location
		want       []storage.Occurrence
		wantCursor time.Time
	}{
		{"recurring, the period under way: open since the quarter before", quarterly, dec1, hcm, []storage.Occurrence{{Opens: sep20, Due: quarterDue}}, quarterDue},
		{"recurring, made: the next not open before its due time", made, quarterDue.Add(-time.Minute), hcm, nil, quarterDue},
		{"recurring, made: the next opens at its due time", made, quarterDue, hcm, []storage.Occurrence{{Opens: quarterDue, Due: mar20}}, mar20},
		{"recurring, a quarter down: both", quarterly, mar20.Add(-time.Hour), hcm, []storage.Occurrence{{Opens: sep20, Due: quarterDue}, {Opens: quarterDue, Due: mar20}}, mar20},
		{"single, open since it was added", single, dec1, hcm, []storage.Occurrence{{Opens: dec1, Due: quarterDue}}, quarterDue},
		{"single, not added yet", single, dec1.Add(-time.Minute), hcm, nil, dec1},
		{"single, stored before Added: open since it came", storage.Deadline{DueAt: quarterDue, Cursor: dec1}, dec1, hcm, []storage.Occurrence{{Opens: dec1, Due: quarterDue}}, quarterDue},
		{"single, made already", storage.Deadline{DueAt: quarterDue, Cursor: quarterDue, Added: dec1}, quarterDue.Add(24 * time.Hour), hcm, nil, quarterDue},
		// 01:30 comes twice on 1 November 2026 in New York: one period, the
		// cursor past both; the next period opens at the first.
		{"the clocks fall back", nightly, at(1, 3, 0), ny,
			[]storage.Occurrence{{Opens: time.Date(2026, 10, 31, 1, 30, 0, 0, ny), Due: at(1, 1, 30)}, {Opens: at(1, 1, 30), Due: at(2, 1, 30)}}, at(2, 1, 30)},
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
			if !got[i].Opens.Equal(tc.want[i].Opens) || !got[i].Due.Equal(tc.want[i].Due) {
				t.Errorf("%s: occurrence %d = %v; want %v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
	if _, _, err := (storage.Deadline{Spec: "not a spec"}).Occurrences(quarterDue, hcm); err == nil {
		t.Error("a bad cron spec gave no error")
	}
}

// asSent is the recorded state of reminders of which done says which were sent.
func asSent(done func(string) bool) func(string) string {
	return func(k string) string {
		if done(k) {
			return storage.ReminderSent
		}
		return ""
	}
}

// A reminder skipped because the clock had jumped ahead fires once the
// clock is set back within its grace; one sent never fires again.
func TestReminderSchedule_ClockStepsBack(t *testing.T) {
	at := quarterDue.Add(-3 * 24 * time.Hour) // the 3-day mark
	skipped := func(k string) string {
		if strings.HasSuffix(k, "|b4320") {
			return storage.ReminderSkipped
		}
		if strings.HasSuffix(k, "|b10080") {
			return storage.ReminderSent
		}
		return ""
	}
	if got := brief(schedule.DueReminders(at.Add(time.Hour), []storage.Period{quarter}, remindUnits, nil, skipped)); !reflect.DeepEqual(got, []string{"VP|b4320", "TT|b4320", "CNTT|b4320"}) {
		t.Errorf("within the grace again, the skipped ones = %q; want them sent", got)
	}
	if got := brief(schedule.DueReminders(at.Add(13*time.Hour), []storage.Period{quarter}, remindUnits, nil, skipped)); len(got) != 0 {
		t.Errorf("still past the grace, the skipped ones = %q; want none", got)
	}
}
