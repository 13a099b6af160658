package config

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"thiduabot/storage"
)

// Indicator is an infrastructure indicator (chỉ tiêu hạ tầng): what is
// measured, how, and each responsible unit's targets by year.
type Indicator struct {
	Code    string            `toml:"code"`
	Name    string            `toml:"name"`
	Measure string            `toml:"measure"`
	Kind    string            `toml:"kind"`
	Targets []IndicatorTarget `toml:"targets"`
}

// IndicatorTarget is one unit's target for one year.
type IndicatorTarget struct {
	Unit     string    `toml:"unit"`
	Year     int       `toml:"year"`
	Baseline *float64  `toml:"baseline"`
	Target   *float64  `toml:"target"`
	Quarters []float64 `toml:"quarters"`
	// Changes are the target's adjustments during the year, each from its
	// date on; the history before stays as it was planned.
	Changes []TargetChange `toml:"changes"`
}

// TargetChange is a target adjusted on a date (chỉ tiêu điều chỉnh).
type TargetChange struct {
	On       Date      `toml:"on"`
	Target   float64   `toml:"target"`
	Quarters []float64 `toml:"quarters"`
}

// Work is a work or project (công trình, dự án) a unit builds.
type Work struct {
	Code          string          `toml:"code"`
	Name          string          `toml:"name"`
	Unit          string          `toml:"unit"`
	Investment    int64           `toml:"investment"`
	OutsideBudget int64           `toml:"outside_budget"`
	Budget        int64           `toml:"budget"`
	Milestones    []WorkMilestone `toml:"milestones"`
}

// WorkMilestone is a work's planned step (khởi công, nghiệm thu…).
type WorkMilestone struct {
	Name string `toml:"name"`
	Due  Date   `toml:"due"`
}

// Date is a calendar date written "2026-03-15".
type Date struct{ time.Time }

// UnmarshalText reads the date.
func (d *Date) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			d.Time = t
			return nil
		}
	}
	return fmt.Errorf("%q is not a date (write 2026-03-15)", s)
}

// in places the date at the start of its day in loc.
func (d Date) in(loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

var infraCode = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,15}$`)

// blockError makes the errors of the i-th (from 0) [[block]] of the
// file, each naming its key and the line it is on.
func blockError(data []byte, block string, i int) func(key, format string, args ...any) error {
	return func(key, format string, args ...any) error {
		return &Error{Key: fmt.Sprintf("%s[%d].%s", block, i, key), Line: lineInBlock(data, block, i+1, key), Msg: fmt.Sprintf(format, args...)}
	}
}

// checkCodeName refuses a declared indicator's or work's (what's) code
// that is malformed or used before (seen, by kind), and an empty name.
func checkCodeName(bad func(key, format string, args ...any) error, seen map[string]bool, what, code, name string) error {
	if !infraCode.MatchString(code) {
		return bad("code", "%q must be 1–16 capital letters, digits or _", code)
	}
	if seen[what+" "+code] {
		return bad("code", "duplicate %s code %q", what, code)
	}
	seen[what+" "+code] = true
	if strings.TrimSpace(name) == "" {
		return bad("name", "must not be empty")
	}
	return nil
}

// checkInfra refuses indicators and works that name an unknown unit, a
// target without its baseline, a percentage over 100, milestones out of
// order or a code used twice, naming the key and its line.
func (c *Config) checkInfra(data []byte) error {
	units := map[string]bool{}
	for _, u := range c.Units {
		units[u.Code] = true
	}
	seen := map[string]bool{}
	nthTarget, nthChange := 0, 0
	for i, ind := range c.Indicators {
		bad := blockError(data, "indicators", i)
		if err := checkCodeName(bad, seen, "indicator", ind.Code, ind.Name); err != nil {
			return err
		}
		if strings.TrimSpace(ind.Measure) == "" {
			return bad("measure", "must not be empty (%%, xã, thôn, trạm, km, dịch vụ, triệu đồng…)")
		}
		if ind.Kind != storage.KindLevel && ind.Kind != storage.KindFlow {
			return bad("kind", "must be \"level\" (a value at a date) or \"flow\" (an amount per period, summed over the year), not %q", ind.Kind)
		}
		pct := strings.TrimSpace(ind.Measure) == "%"
		pairs := map[string]bool{}
		for j, t := range ind.Targets {
			nthTarget++
			tline := func(key string) int { return lineInBlock(data, "indicators.targets", nthTarget, key) }
			tbad := func(key, format string, args ...any) error {
				return &Error{Key: fmt.Sprintf("indicators[%d].targets[%d].%s", i, j, key), Line: tline(key), Msg: fmt.Sprintf(format, args...)}
			}
			if !units[t.Unit] {
				return tbad("unit", "unknown unit %q (not among [[units]])", t.Unit)
			}
			if t.Year < 2000 || t.Year > 2100 {
				return tbad("year", "must be a year such as 2026")
			}
			if pairs[fmt.Sprint(t.Unit, t.Year)] {
				return tbad("unit", "a second target for %s in %d", t.Unit, t.Year)
			}
			pairs[fmt.Sprint(t.Unit, t.Year)] = true
			if t.Target == nil {
				return tbad("target", "must be given")
			}
			if t.Baseline == nil {
				return tbad("target", "a target without a baseline: give baseline, the value at the end of %d", t.Year-1)
			}
			if err := checkValues(pct, *t.Target, t.Quarters); err != "" {
				return tbad("target", "%s", err)
			}
			if err := checkValues(pct, *t.Baseline, nil); err != "" {
				return tbad("baseline", "%s", err)
			}
			var last time.Time
			for k, ch := range t.Changes {
				nthChange++
				cline := lineInBlock(data, "indicators.targets.changes", nthChange, "on")
				key := fmt.Sprintf("indicators[%d].targets[%d].changes[%d]", i, j, k)
				if ch.On.Year() != t.Year {
					return &Error{Key: key + ".on", Line: cline, Msg: fmt.Sprintf("must be a date in %d", t.Year)}
				}
				if !ch.On.After(last) {
					return &Error{Key: key + ".on", Line: cline, Msg: "changes must be in date order"}
				}
				last = ch.On.Time
				if err := checkValues(pct, ch.Target, ch.Quarters); err != "" {
					return &Error{Key: key + ".target", Line: cline, Msg: err}
				}
			}
		}
	}
	for i, w := range c.Works {
		bad := blockError(data, "works", i)
		if err := checkCodeName(bad, seen, "work", w.Code, w.Name); err != nil {
			return err
		}
		if !units[w.Unit] {
			return bad("unit", "unknown unit %q (not among [[units]])", w.Unit)
		}
		if w.Investment < 0 || w.OutsideBudget < 0 || w.Budget < 0 || w.Investment > storage.MaxVND {
			return bad("investment", "amounts must be between 0 and %d", storage.MaxVND)
		}
		if w.OutsideBudget+w.Budget > w.Investment {
			return bad("outside_budget", "outside_budget and budget add up to more than the investment")
		}
		if len(w.Milestones) == 0 {
			return bad("milestones", "give at least one milestone ([[works.milestones]] with name and due)")
		}
		for k, m := range w.Milestones {
			if strings.TrimSpace(m.Name) == "" || m.Due.IsZero() {
				return bad(fmt.Sprintf("milestones[%d]", k), "each milestone needs a name and a due date")
			}
			if k > 0 && m.Due.Before(w.Milestones[k-1].Due.Time) {
				return &Error{Key: fmt.Sprintf("works[%d].milestones[%d].due", i, k), Line: lineAfterBlock(data, "works", i+1, "due", k+1),
					Msg: fmt.Sprintf("milestones out of order: %q is due before %q", m.Name, w.Milestones[k-1].Name)}
			}
		}
	}
	return nil
}

// checkValues says what is wrong with a target and its quarterly
// milestones, or "".
func checkValues(pct bool, target float64, quarters []float64) string {
	if math.IsNaN(target) || target < 0 {
		return "must not be negative"
	}
	if pct && target > 100 {
		return fmt.Sprintf("%v is over 100 %%", target)
	}
	if len(quarters) == 0 {
		return ""
	}
	if len(quarters) != 4 {
		return "quarters must list four values, one for the end of each quarter"
	}
	for k, q := range quarters {
		if q < 0 || (pct && q > 100) {
			return fmt.Sprintf("quarters[%d] must be between 0 and %s", k, map[bool]string{true: "100", false: "the target"}[pct])
		}
		if k > 0 && q < quarters[k-1] {
			return "quarters must not go down"
		}
	}
	if quarters[3] != target {
		return fmt.Sprintf("the fourth quarter's %v must equal the target %v", quarters[3], target)
	}
	return ""
}

// lineInBlock finds the line of key inside the nth [[header]] block (nth
// from 1), or the block's own line when the key is not written there.
func lineInBlock(data []byte, header string, nth int, key string) int {
	return lineAfterBlock(data, header, nth, key, 1)
}

// lineAfterBlock finds the line of the kth assignment to key after the nth
// [[header]] (before the next block of that header), or the header's line.
func lineAfterBlock(data []byte, header string, nth int, key string, k int) int {
	head := regexp.MustCompile(`^\s*\[\[\s*` + regexp.QuoteMeta(header) + `\s*\]\]`)
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	start := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if head.Match(line) {
			if start > 0 {
				return start
			}
			if nth--; nth == 0 {
				start = i + 1
			}
			continue
		}
		if start > 0 && re.Match(line) {
			if k--; k == 0 {
				return i + 1
			}
		}
	}
	return start
}

// Infra is the indicators and works in the form storage keeps them, their
// dates placed in loc.
func (c Config) Infra(loc *time.Location) ([]storage.Indicator, []storage.Work) {
	var inds []storage.Indicator
	for _, ind := range c.Indicators {
		si := storage.Indicator{Code: ind.Code, Name: ind.Name, Measure: ind.Measure, Kind: ind.Kind}
		for _, t := range ind.Targets {
			st := storage.Target{Unit: t.Unit, Year: t.Year, Baseline: *t.Baseline, Target: *t.Target, Quarters: t.Quarters}
			for _, ch := range t.Changes {
				st.Changes = append(st.Changes, storage.TargetChange{On: ch.On.in(loc), Target: ch.Target, Quarters: ch.Quarters})
			}
			si.Targets = append(si.Targets, st)
		}
		inds = append(inds, si)
	}
	var works []storage.Work
	for _, w := range c.Works {
		sw := storage.Work{Code: w.Code, Name: w.Name, Unit: w.Unit, Investment: w.Investment, OutsideBudget: w.OutsideBudget, Budget: w.Budget}
		for _, m := range w.Milestones {
			sw.Milestones = append(sw.Milestones, storage.Milestone{Name: m.Name, Due: m.Due.in(loc)})
		}
		works = append(works, sw)
	}
	return inds, works
}

// exampleInfra is the indicators and works config.example.toml declares.
func exampleInfra() ([]Indicator, []Work) {
	f := func(v float64) *float64 { return &v }
	d := func(s string) Date {
		t, _ := time.Parse("2006-01-02", s)
		return Date{t}
	}
	inds := []Indicator{
		{Code: "THON4G", Name: "Tỷ lệ thôn, bản có sóng di động băng rộng 4G/5G", Measure: "%", Kind: "level",
			Targets: []IndicatorTarget{{Unit: "BCVT", Year: 2026, Baseline: f(92), Target: f(98), Quarters: []float64{93.5, 95, 96.5, 98}}}},
		{Code: "BTS", Name: "Trạm BTS 4G/5G lắp mới", Measure: "trạm", Kind: "flow",
			Targets: []IndicatorTarget{{Unit: "BCVT", Year: 2026, Baseline: f(120), Target: f(150)}}},
		{Code: "CAPQUANG", Name: "Tỷ lệ hộ gia đình có cáp quang", Measure: "%", Kind: "level",
			Targets: []IndicatorTarget{{Unit: "BCVT", Year: 2026, Baseline: f(78), Target: f(85), Changes: []TargetChange{{On: d("2026-07-01"), Target: 88}}}}},
		{Code: "DVCTT", Name: "Tỷ lệ dịch vụ công trực tuyến toàn trình", Measure: "%", Kind: "level",
			Targets: []IndicatorTarget{
				{Unit: "CNTT", Year: 2026, Baseline: f(60), Target: f(80), Quarters: []float64{65, 70, 75, 80}},
				{Unit: "TTCNTT", Year: 2026, Baseline: f(55), Target: f(75)},
			}},
		{Code: "NGAMHOA", Name: "Cáp viễn thông được ngầm hóa", Measure: "km", Kind: "flow",
			Targets: []IndicatorTarget{{Unit: "BCVT", Year: 2026, Baseline: f(35), Target: f(40)}}},
		{Code: "VONNNS", Name: "Vốn ngoài ngân sách huy động cho hạ tầng", Measure: "triệu đồng", Kind: "flow",
			Targets: []IndicatorTarget{
				{Unit: "KHTC", Year: 2026, Baseline: f(18000), Target: f(25000)},
				{Unit: "TTCNTT", Year: 2026, Baseline: f(4000), Target: f(6000)},
			}},
	}
	works := []Work{
		{Code: "TTDL", Name: "Trung tâm dữ liệu tỉnh, giai đoạn 1", Unit: "TTCNTT", Investment: 12_000_000_000, Budget: 9_000_000_000, OutsideBudget: 3_000_000_000,
			Milestones: []WorkMilestone{{"Khởi công", d("2026-03-15")}, {"Hoàn thành lắp đặt thiết bị", d("2026-08-31")}, {"Nghiệm thu", d("2026-11-30")}, {"Đưa vào sử dụng", d("2026-12-31")}}},
		{Code: "VUNGLOM", Name: "Phủ sóng 4G/5G 25 thôn vùng lõm", Unit: "BCVT", Investment: 18_000_000_000, OutsideBudget: 18_000_000_000,
			Milestones: []WorkMilestone{{"Khởi công", d("2026-04-01")}, {"Hoàn thành lắp đặt trạm", d("2026-10-31")}, {"Đưa vào sử dụng", d("2026-12-15")}}},
		{Code: "NGAMTP", Name: "Ngầm hóa cáp viễn thông trục chính thành phố", Unit: "BCVT", Investment: 6_000_000_000, Budget: 1_500_000_000, OutsideBudget: 4_500_000_000,
			Milestones: []WorkMilestone{{"Khởi công", d("2026-05-01")}, {"Nghiệm thu", d("2026-12-20")}}},
	}
	return inds, works
}
