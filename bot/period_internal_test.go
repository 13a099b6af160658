package bot

import (
	"testing"
	"thiduabot/bot/period"
	"time"

	"thiduabot/bot/texts"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

var hcmZone = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return loc
}()

// Whatever the bot writes of a period, it reads back.
func TestPeriod_WhatTheBotWritesItReadsBack(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, hcmZone)
	for _, kind := range []storage.PeriodKind{storage.Month, storage.Quarter, storage.Year} {
		for _, at := range []time.Time{now, time.Date(2025, 1, 1, 0, 0, 0, 0, hcmZone), time.Date(2027, 12, 31, 23, 0, 0, 0, hcmZone)} {
			want, err := period.Parse("", at, hcmZone, kind)
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range texts.Languages {
				written := period.Name(lang, want)
				for _, form := range []string{written, norm.NFD.String(written)} {
					got, err := period.Parse(form, now, hcmZone, storage.Quarter)
					if err != nil || got != want {
						t.Errorf("period.Parse(%q) = %+v, %v; want %+v", form, got, err, want)
					}
				}
			}
		}
	}
}

func TestPeriod_TheWaysPeopleWriteIt(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, hcmZone)
	tests := []struct {
		in   string
		want string // the counters' key
	}{
		{"", "Q2026-4"},
		{"tháng 11/2026", "M2026-11"},
		{"Tháng 3/2026", "M2026-03"},
		{"11/2026", "M2026-11"},
		{"thang 11/2026", "M2026-11"},
		{"quý 4/2026", "Q2026-4"},
		{"quý IV/2026", "Q2026-4"},
		{"Quý iv / 2026", "Q2026-4"},
		{"Q4/2026", "Q2026-4"},
		{"q1/2027", "Q2027-1"},
		{"năm 2026", "Y2026"},
		{"nam 2025", "Y2025"},
		{"2026", "Y2026"},
		{"tháng", "M2026-11"},
		{"quý", "Q2026-4"},
		{"năm", "Y2026"},
		{"month", "M2026-11"},
		{"quarter 2/2026", "Q2026-2"},
		{"year 2026", "Y2026"},
		// What people type, said now (27/11/2026).
		{"tháng 11", "M2026-11"},
		{"Tháng 3", "M2026-03"},
		{"thang 3", "M2026-03"},
		{"quý 4", "Q2026-4"},
		{"quý IV", "Q2026-4"},
		{"Q4", "Q2026-4"},
		{"năm nay", "Y2026"},
		{"Năm nay", "Y2026"},
		{"nam nay", "Y2026"},
		{"năm ngoái", "Y2025"},
		{"năm trước", "Y2025"},
		{"Q4 2026", "Q2026-4"},
		{"q3 2026", "Q2026-3"},
		{"tháng 11 năm 2026", "M2026-11"},
		{"quý 2 năm 2025", "Q2025-2"},
		{"T11/2026", "M2026-11"},
		{"t1/2027", "M2027-01"},
		{"tháng này", "M2026-11"},
		{"tháng trước", "M2026-10"},
		{"quý này", "Q2026-4"},
		{"quý trước", "Q2026-3"},
		{"11-2026", "M2026-11"},
		{"11 - 2026", "M2026-11"},
		{"tháng 11-2026", "M2026-11"},
		{"this month", "M2026-11"},
		{"last quarter", "Q2026-3"},
		{"last year", "Y2025"},
		{"month 11 of 2026", "M2026-11"},
	}
	for _, tt := range tests {
		got, err := period.Parse(tt.in, now, hcmZone, storage.Quarter)
		if err != nil || got.Key != tt.want {
			t.Errorf("period.Parse(%q) = %q, %v; want %q", tt.in, got.Key, err, tt.want)
		}
	}
	for _, bad := range []string{"quý 5/2026", "Q5/2026", "13/2026", "0/2026", "năm 20266", "hôm qua", "tháng IV/2026",
		"năm 11/2026", "1999", "2101", "26", "11/26", "11", "tháng 13", "quý 5", "quý 0", "năm 11", "tháng sau", "T13/2026", "2026-11-05", "'; DROP", "%d%s"} {
		if got, err := period.Parse(bad, now, hcmZone, storage.Quarter); storage.ErrorCode(err) != storage.EInvalid {
			t.Errorf("period.Parse(%q) = %+v, %v; want an invalid-input error", bad, got, err)
		}
	}
}

// Counting back crosses the year: in January, last month is December and
// last quarter the fourth, of the year before.
func TestPeriod_CountingBackCrossesTheYear(t *testing.T) {
	now := time.Date(2027, 1, 5, 9, 0, 0, 0, hcmZone)
	for in, want := range map[string]string{
		"tháng trước": "M2026-12", "quý trước": "Q2026-4", "năm ngoái": "Y2026", "tháng 11": "M2027-11",
	} {
		if got, err := period.Parse(in, now, hcmZone, storage.Quarter); err != nil || got.Key != want {
			t.Errorf("period.Parse(%q) at %v = %q, %v; want %q", in, now, got.Key, err, want)
		}
	}
}
