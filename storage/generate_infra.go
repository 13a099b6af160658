package storage

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// generatedIndicators are the six indicators of the issue, as a seeded
// organisation has them: code, name, measure, kind, a baseline and a
// yearly gain for a unit's target.
var generatedIndicators = []struct {
	code, name, measure, kind string
	baseline, gain            float64
}{
	{"THON4G", "Tỷ lệ thôn, bản có sóng di động băng rộng 4G/5G", "%", KindLevel, 85, 4},
	{"BTS", "Trạm BTS 4G/5G lắp mới", "trạm", KindFlow, 20, 25},
	{"CAPQUANG", "Tỷ lệ hộ gia đình có cáp quang", "%", KindLevel, 70, 5},
	{"DVCTT", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", KindLevel, 55, 8},
	{"NGAMHOA", "Cáp viễn thông được ngầm hóa", "km", KindFlow, 5, 6},
	{"VONNNS", "Vốn ngoài ngân sách huy động cho hạ tầng", "triệu đồng", KindFlow, 2000, 3000},
}

// GeneratedInfra is the infrastructure a seeded organisation declares:
// every indicator for every unit, with a target for each of years, and two
// works per unit in the last year. The seed and the benchmarks' configuration
// both take it, so the bot's sync keeps what the seed stored.
func GeneratedInfra(units []string, years []int) ([]Indicator, []Work) {
	var inds []Indicator
	for _, g := range generatedIndicators {
		ind := Indicator{Code: g.code, Name: g.name, Measure: g.measure, Kind: g.kind}
		for ui, u := range units {
			for yi, y := range years {
				base := g.baseline + float64(ui%5) + g.gain*float64(yi)
				target := base + g.gain
				if g.kind == KindFlow {
					base, target = g.gain*(1+0.1*float64(yi)), g.gain*(1+0.1*float64(yi+1))
				}
				if g.measure == "%" {
					base, target = min(base, 100), min(target, 100)
				}
				ind.Targets = append(ind.Targets, Target{Unit: u, Year: y, Baseline: base, Target: target})
			}
		}
		inds = append(inds, ind)
	}
	var works []Work
	if len(years) == 0 {
		return inds, works
	}
	y := years[len(years)-1]
	for ui, u := range units {
		for k := 0; k < 2; k++ {
			start := time.Date(y, time.Month(2+k*3+ui%3), 15, 0, 0, 0, 0, time.UTC)
			works = append(works, Work{Code: fmt.Sprintf("CT%02d%d", ui+1, k+1), Name: fmt.Sprintf("Công trình hạ tầng số %d của %s", k+1, u), Unit: u,
				Investment: 5_000_000_000, Budget: 3_000_000_000, OutsideBudget: 2_000_000_000,
				Milestones: []Milestone{{Name: "Khởi công", Due: start}, {Name: "Hoàn thành hạng mục", Due: start.AddDate(0, 4, 0)}, {Name: "Nghiệm thu", Due: start.AddDate(0, 8, 0)}}})
		}
	}
	return inds, works
}

// generateInfra declares the infrastructure of the seeded units and has
// their heads report it each quarter of the three years up to o.To, on
// periods of a quarterly deadline of its own, closed once reported.
func generateInfra(db *DB, o GenerateOptions, units []OrgUnit, rng *rand.Rand, setClock func(time.Time)) error {
	loc := db.Loc()
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code)
	}
	last := o.To.Year()
	years := []int{last - 2, last - 1, last}
	inds, works := GeneratedInfra(codes, years)
	for i := range works {
		for k := range works[i].Milestones {
			d := works[i].Milestones[k].Due
			works[i].Milestones[k].Due = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
		}
	}
	if err := db.SyncInfra(inds, works); err != nil {
		return err
	}
	d := Deadline{ID: "seed-infra", Name: "Báo cáo hạ tầng quý (dữ liệu mẫu)", Spec: "0 17 20 3,6,9,12 *"}
	for _, y := range years {
		for q := 1; q <= 4; q++ {
			due := time.Date(y, time.Month(3*q), 20, 17, 0, 0, 0, loc)
			if due.After(o.To) {
				break
			}
			setClock(due.Add(-48 * time.Hour))
			err := db.Update(func(tx *Tx) error {
				if err := tx.putDeadline(d); err != nil {
					return err
				}
				p, err := tx.ensurePeriod(d, Occurrence{Opens: due.AddDate(0, -3, 0), Due: due})
				if err != nil {
					return err
				}
				for _, u := range units {
					head, _, err := tx.Member(u.Heads[0])
					if err != nil {
						return err
					}
					for _, ind := range inds {
						t, _ := ind.TargetFor(u.Code, y) // from the declared list, not the store
						v := t.PlanAt(ind.Kind, due, loc) + (rng.Float64()-0.6)*(t.Target-t.Baseline)/4
						if ind.Kind == KindFlow {
							v = t.Target/4 + (rng.Float64()-0.5)*t.Target/8
						}
						v = max(0, v)
						if ind.Percent() {
							v = min(v, 100)
						}
						v = float64(int(v*10)) / 10
						if _, err := tx.RecordIndicator(head, IndicatorReport{Indicator: ind.Code, PeriodKey: p.Key, Value: v, Reason: "Số liệu rà soát lại"}); err != nil {
							return err
						}
					}
					if y != last {
						continue
					}
					for _, w := range works {
						if w.Unit != u.Code {
							continue
						}
						r := WorkReport{Work: w.Code, PeriodKey: p.Key, Milestone: -1, Percent: float64(min(100, q*25)), Disbursed: int64(q) * 1_000_000_000}
						if m := q - 1; m < len(w.Milestones) && rng.IntN(3) > 0 && !w.Milestones[m].Due.After(due) {
							r.Milestone, r.ReachedOn = m, w.Milestones[m].Due.AddDate(0, 0, rng.IntN(20)-10)
						}
						if _, err := tx.RecordWork(head, r); err != nil {
							return err
						}
					}
				}
				admin, _, _ := tx.Member(1001)
				_, err = tx.ClosePeriod(admin, p.Key)
				return err
			})
			if err != nil {
				return fmt.Errorf("seed: infrastructure of %d Q%d: %w", y, q, err)
			}
		}
	}
	return nil
}
