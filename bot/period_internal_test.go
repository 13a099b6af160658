package bot

import (
	"testing"
	"time"

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
			want, err := parsePeriod("", at, hcmZone, kind)
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range languages {
				written := periodName(lang, want)
				for _, form := range []string{written, norm.NFD.String(written)} {
					got, err := parsePeriod(form, now, hcmZone, storage.Quarter)
					if err != nil || got != want {
						t.Errorf("parsePeriod(%q) = %+v, %v; want %+v", form, got, err, want)
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
	}
	for _, tt := range tests {
		got, err := parsePeriod(tt.in, now, hcmZone, storage.Quarter)
		if err != nil || got.key != tt.want {
			t.Errorf("parsePeriod(%q) = %q, %v; want %q", tt.in, got.key, err, tt.want)
		}
	}
	for _, bad := range []string{"quý 5/2026", "Q5/2026", "13/2026", "0/2026", "năm 20266", "hôm qua", "tháng IV/2026",
		"năm 11/2026", "1999", "2101", "26", "11/26", "quý 4", "'; DROP", "%d%s"} {
		if got, err := parsePeriod(bad, now, hcmZone, storage.Quarter); storage.ErrorCode(err) != storage.EInvalid {
			t.Errorf("parsePeriod(%q) = %+v, %v; want an invalid-input error", bad, got, err)
		}
	}
}
