package bot

import (
	"testing"
	"time"
)

// A deadline is read as people type it; a date alone is 17:00 that day.
func TestParseDue_AsPeopleTypeIt(t *testing.T) {
	want := time.Date(2026, 12, 31, 17, 0, 0, 0, hcmZone)
	for _, in := range []string{"31/12/2026", "31/12/2026 17:00", " 31/12/2026  17:00 ", "17:00 31/12/2026", "31-12-2026", "31.12.2026 17h00", "17:00 ngày 31/12/2026"} {
		if got, err := parseDue(in, hcmZone); err != nil || !got.Equal(want) {
			t.Errorf("parseDue(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, err := parseDue("1/2/2027 9:30", hcmZone); err != nil || !got.Equal(time.Date(2027, 2, 1, 9, 30, 0, 0, hcmZone)) {
		t.Errorf("parseDue(1/2/2027 9:30) = %v, %v", got, err)
	}
	for _, bad := range []string{"", "31/13/2026", "mai", "31/12", "2026-12-31 17:00 xyz"} {
		if _, err := parseDue(bad, hcmZone); err == nil {
			t.Errorf("parseDue(%q) was read", bad)
		}
	}
}
