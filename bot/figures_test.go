package bot_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// The people of the property test: four staff members (not heads, so
// that nobody reviews their own idea) in three units.
var figureAuthors = map[int64]string{5001: "VP", 5002: "VP", 5003: "CNTT", 5004: "TT"}

// TestFigures_SummaryAndExportEqualARecomputationFromTheRecords is a
// property test: after random sequences of events (ideas submitted,
// decided, resubmitted, withdrawn; progress; deadlines and the units'
// reports; praise; waste reports), at times across a year, every figure
// /summary shows for a month, a quarter and the year equals one recomputed
// here from the records alone, by the rules of docs/figures.md, and the
// workbook /export sends adds up to the same.
func TestFigures_SummaryAndExportEqualARecomputationFromTheRecords(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			h := newHarnessAt(t, time.Date(2026, 1, 5, 9, 0, 0, 0, hcm))
			rng := rand.New(rand.NewPCG(seed, 13))
			h.figureEvents(rng, 160)
			h.say(director, "/start")
			now := h.clock.Now().In(hcm)
			for _, period := range []string{"2026", fmt.Sprintf("Q%d/2026", (int(now.Month())+2)/3), "Q1/2026", fmt.Sprintf("%d/2026", now.Month()-1)} {
				want := h.recompute(period)
				got := h.sayLong(director, "/summary "+period, "Phản ánh lãng phí đang xử lý")
				want.check(t, period, got)
				h.checkWorkbook(t, period, want)
			}
		})
	}
}

// sayLong sends text as u and returns the bot's answer, every part of it
// (one over 4,096 characters is split) up to the one containing last.
func (h *harness) sayLong(u tgtest.User, text, last string) string {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, text)
	h.waitText(mark, u.ID, last)
	var parts []string
	for _, m := range h.srv.LogSince(mark) {
		if m.ChatID == u.ID {
			parts = append(parts, m.Plain)
		}
	}
	return strings.Join(parts, "\n")
}

// figureEvents plays n random events, moving the clock on between them.
func (h *harness) figureEvents(rng *rand.Rand, n int) {
	h.t.Helper()
	err := h.db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(admin.ID)
		for id, unit := range figureAuthors {
			if _, err := tx.RequestJoin(id, unit, fmt.Sprintf("Cán bộ %c", 'A'+rune(id-5001))); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(adm, id, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	authors := []int64{5001, 5002, 5003, 5004}
	for i := 0; i < n; i++ {
		h.clock.Set(h.clock.Now().Add(time.Duration(rng.IntN(60)) * time.Hour))
		err := h.db.Update(func(tx *storage.Tx) error {
			get := func(id int64) storage.Member { m, _, _ := tx.Member(id); return m }
			ideas, count, err := tx.Ideas(storage.IdeaFilter{}, 1000)
			if err != nil {
				return err
			}
			var idea storage.Idea
			if count > 0 {
				idea = ideas[rng.IntN(count)]
			}
			// Most of the time, an idea in a state the event applies to.
			pick := func(statuses ...storage.IdeaStatus) {
				var fit []storage.Idea
				for _, i := range ideas {
					if slices.Contains(statuses, i.Status) {
						fit = append(fit, i)
					}
				}
				if len(fit) > 0 && rng.IntN(5) > 0 {
					idea = fit[rng.IntN(len(fit))]
				}
			}
			event := rng.IntN(12)
			switch event {
			case 3:
				pick(storage.IdeaSubmitted)
			case 4:
				pick(storage.IdeaEndorsed)
			case 6:
				pick(storage.IdeaReturned)
			case 7, 8:
				pick(storage.IdeaAccepted, storage.IdeaInProgress)
			}
			heads, _ := tx.UnitHeads(idea.Unit)
			dir := get(director.ID)
			// Refusals (a decision on an idea in the wrong state) change
			// nothing and are part of the sequence too.
			switch event {
			case 0, 1, 2:
				theme := []storage.Theme{storage.ThemeThrift, storage.ThemeInfrastructure}[rng.IntN(2)]
				_, err = tx.SubmitIdea(get(authors[rng.IntN(len(authors))]), storage.Idea{Theme: theme, Title: "Ý tưởng", Description: "Mô tả.", EstSavings: int64(rng.IntN(200)) * 1_000_000})
			case 3:
				if len(heads) > 0 {
					action := []string{storage.ActEndorse, storage.ActEndorse, storage.ActReturn, storage.ActReject}[rng.IntN(4)]
					_, err = tx.DecideIdea(heads[0], idea.ID, storage.Decision{Action: action, Reason: "Ý kiến"})
				}
			case 4:
				if rng.IntN(3) == 0 {
					_, err = tx.DecideIdea(dir, idea.ID, storage.Decision{Action: storage.ActReject, Reason: "Trùng"})
				} else {
					_, err = tx.DecideIdea(dir, idea.ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 1 + rng.IntN(10), Applicability: 1 + rng.IntN(10), Benefit: 1 + rng.IntN(10)}})
				}
			case 5:
				_, err = tx.DecideIdea(get(idea.Author), idea.ID, storage.Decision{Action: storage.ActWithdraw})
			case 6:
				idea.EstSavings = int64(rng.IntN(50)) * 1_000_000
				_, err = tx.ResubmitIdea(get(idea.Author), idea.ID, idea)
			case 7, 8:
				pct := min(100, idea.Percent+rng.IntN(40))
				_, err = tx.ReportProgress(get(idea.Author), storage.Progress{IdeaID: idea.ID, Percent: pct, Saved: idea.Saved + int64(rng.IntN(5_000_000))})
			case 9:
				if rng.IntN(3) != 0 {
					break
				}
				var d storage.Deadline
				if d, err = tx.AddDeadline(get(admin.ID), "Báo cáo đợt", tx.Now().Add(time.Duration(1+rng.IntN(40*24))*time.Hour)); err == nil {
					_, err = tx.EnsurePeriod(d, d.DueAt)
				}
			case 10:
				periods, _ := tx.Periods(true)
				unit := []string{"VP", "CNTT", "TT", "KHTC"}[rng.IntN(4)]
				uh, _ := tx.UnitHeads(unit)
				if len(periods) > 0 && len(uh) > 0 {
					p := periods[rng.IntN(len(periods))]
					_, err = tx.SubmitReport(uh[0], storage.Report{PeriodKey: p.Key, Saved: int64(rng.IntN(30)) * 1_000_000, Infra: "Đã triển khai."})
				}
			case 11:
				if rng.IntN(2) == 0 {
					_, err = tx.AddPraise(dir, storage.Praise{Member: authors[rng.IntN(len(authors))], Reason: "Tích cực"})
				} else {
					_, err = tx.ReportWaste(get(authors[rng.IntN(len(authors))]), storage.Waste{Description: "Đèn hành lang sáng cả đêm."})
				}
			}
			switch storage.ErrorCode(err) {
			case storage.EConflict, storage.EForbidden, storage.ENotFound, storage.EInvalid:
				return nil
			}
			return err
		})
		if err != nil {
			h.t.Fatalf("event %d: %v", i, err)
		}
	}
}

// figures are what a summary must show, recomputed from the records.
type figures struct {
	ideas, thrift, infra                int64
	byStatus                            map[storage.IdeaStatus]int64
	estimated, savedIdeas, savedReports int64
	units                               []unitFigures
	periods                             []periodFigures
	topMembers                          []ranked // at most three
	topUnits                            []ranked
	openWaste                           int
	progressRows, reportRows            int64
}

type unitFigures struct {
	name                 string
	target, saved, ideas int64
}

type periodFigures struct {
	name, due             string
	onTime, late, missing int
	pending               int
	open                  bool
	missingUnits          []string
	reportedSaved         int64
}

type ranked struct {
	rank   int
	name   string
	points int64
}

// recompute reads every record and counts, by the rules of
// docs/figures.md, without the kept counters or totals.
func (h *harness) recompute(period string) figures {
	h.t.Helper()
	start, end := spanOf(h.t, period)
	yearStart := time.Date(start.Year(), 1, 1, 0, 0, 0, 0, hcm)
	yearEnd := yearStart.AddDate(1, 0, 0)
	in := func(t, s, e time.Time) bool { return !t.Before(s) && t.Before(e) }
	f := figures{byStatus: map[storage.IdeaStatus]int64{}}
	sc := h.cfg.Scoring
	memberPts, unitPts := map[int64]int64{}, map[string]int64{}
	award := func(at time.Time, member int64, unit string, pts int) {
		if in(at, start, end) {
			memberPts[member] += int64(pts)
			unitPts[unit] += int64(pts)
		}
	}
	savedIdeasYear := map[string]int64{}
	err := h.db.View(func(tx *storage.Tx) error {
		now := tx.Now()
		err := tx.EachIdea(func(idea storage.Idea) error {
			if in(idea.CreatedAt, start, end) {
				f.ideas++
				f.byStatus[idea.Status]++
				if idea.Theme == storage.ThemeThrift {
					f.thrift++
				} else {
					f.infra++
				}
				switch idea.Status {
				case storage.IdeaRejected, storage.IdeaWithdrawn, storage.IdeaReturned:
				default:
					f.estimated += idea.EstSavings
				}
			}
			if idea.Status != storage.IdeaWithdrawn {
				award(idea.CreatedAt, idea.Author, idea.Unit, sc.Submitted)
			}
			for _, e := range idea.History {
				switch {
				case e.Status == storage.IdeaEndorsed:
					award(e.At, idea.Author, idea.Unit, sc.Endorsed)
				case e.Status == storage.IdeaAccepted:
					award(e.At, idea.Author, idea.Unit, sc.Accepted+sc.PerScorePoint*e.Scores.Total())
				case e.Status == storage.IdeaDone:
					award(e.At, idea.Author, idea.Unit, sc.Done)
				}
			}
			progress, err := tx.ProgressOf(idea.ID)
			var before int64
			for _, p := range progress {
				if in(p.At, start, end) {
					f.savedIdeas += p.Saved - before
					f.progressRows++
				}
				if in(p.At, yearStart, yearEnd) {
					savedIdeasYear[idea.Unit] += p.Saved - before
				}
				award(p.At, idea.Author, idea.Unit, int(p.Saved/1_000_000-before/1_000_000)*sc.PerMillionSaved)
				before = p.Saved
			}
			return err
		})
		if err != nil {
			return err
		}
		tx.Praises(func(p storage.Praise) bool {
			if p.Member != 0 {
				award(p.At, p.Member, p.Unit, sc.Praise)
			} else {
				award(p.At, 0, p.Unit, sc.Praise)
			}
			return true
		})
		units, _ := tx.Units()
		periods, _ := tx.Periods(false)
		reportedYear := map[string]int64{}
		for _, p := range periods {
			pf := periodFigures{name: p.Name, due: p.Due.In(hcm).Format("02/01/2006 15:04"), open: !now.After(p.Due)}
			for _, u := range units {
				r, ok, err := tx.Report(p.Key, u.Code)
				if err != nil {
					return err
				}
				if ok {
					pts := sc.ReportOnTime
					if r.Late {
						pts = sc.ReportLate
					}
					award(r.FirstAt(), 0, u.Code, pts)
					if in(p.Due, yearStart, yearEnd) {
						reportedYear[u.Code] += r.Saved
					}
				}
				switch {
				case ok && r.Late:
					pf.late++
				case ok:
					pf.onTime++
				case now.After(p.Due):
					pf.missing++
					pf.missingUnits = append(pf.missingUnits, u.Name)
				default:
					pf.pending++
				}
				pf.reportedSaved += r.Saved
			}
			if in(p.Due, start, end) {
				f.savedReports += pf.reportedSaved
				f.reportRows += int64(len(units))
				f.periods = append(f.periods, pf)
			}
		}
		for _, u := range units {
			f.units = append(f.units, unitFigures{name: u.Name, target: u.Target, saved: reportedYear[u.Code], ideas: savedIdeasYear[u.Code]})
		}
		_, f.openWaste, err = tx.Wastes(true, 0)
		if err != nil {
			return err
		}
		delete(memberPts, 0)
		f.topMembers = rank(memberPts, func(id int64) string {
			m, _, _ := tx.Member(id)
			return m.Name() + " (" + shortOf(h.cfg, m.Unit) + ")"
		})
		codes := map[string]int64{}
		names := map[int64]string{}
		for i, u := range units {
			codes[u.Code] = int64(i)
			names[int64(i)] = u.Name
		}
		byIndex := map[int64]int64{}
		for code, pts := range unitPts {
			byIndex[codes[code]] = pts
		}
		f.topUnits = rank(byIndex, func(i int64) string { return names[i] })
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return f
}

// rank orders totals as a leaderboard: most points first, equal points
// sharing a rank, in the order of their keys; none with 0; the top three.
func rank(pts map[int64]int64, name func(int64) string) []ranked {
	var ids []int64
	for id, p := range pts {
		if p != 0 {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if pts[a] != pts[b] {
			return int(pts[b] - pts[a])
		}
		return int(a - b)
	})
	var out []ranked
	for i, id := range ids {
		r := ranked{rank: i + 1, name: name(id), points: pts[id]}
		if i > 0 && pts[id] == pts[ids[i-1]] {
			r.rank = out[i-1].rank
		}
		out = append(out, r)
	}
	return out[:min(3, len(out))]
}

func shortOf(cfg *config.Config, code string) string {
	for _, u := range cfg.Units {
		if u.Code == code && u.Short != "" {
			return u.Short
		}
	}
	return code
}

// spanOf reads the periods this test writes: 2026, Q2/2026, 5/2026.
func spanOf(t testing.TB, period string) (time.Time, time.Time) {
	var y, n int
	switch {
	case strings.HasPrefix(period, "Q"):
		fmt.Sscanf(period, "Q%d/%d", &n, &y)
		s := time.Date(y, time.Month(3*n-2), 1, 0, 0, 0, 0, hcm)
		return s, s.AddDate(0, 3, 0)
	case strings.Contains(period, "/"):
		fmt.Sscanf(period, "%d/%d", &n, &y)
		s := time.Date(y, time.Month(n), 1, 0, 0, 0, 0, hcm)
		return s, s.AddDate(0, 1, 0)
	}
	y, _ = strconv.Atoi(period)
	s := time.Date(y, 1, 1, 0, 0, 0, 0, hcm)
	return s, s.AddDate(1, 0, 0)
}

var number = regexp.MustCompile(`\d[\d.]*`)

// nums are the numbers in a line, in order ("3.200.000 đ" is 3200000).
func nums(line string) []int64 {
	var out []int64
	for _, s := range number.FindAllString(line, -1) {
		v, _ := strconv.ParseInt(strings.ReplaceAll(strings.TrimRight(s, "."), ".", ""), 10, 64)
		out = append(out, v)
	}
	return out
}

// lineAfter is the first line of text that starts with prefix, after it.
func lineAfter(text, prefix string) (string, bool) {
	for _, l := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			return rest, true
		}
	}
	return "", false
}

// check compares a summary's text with the recomputed figures: by the
// numbers on each line, found by what the line is about, so a change of
// wording does not break it.
func (f figures) check(t *testing.T, period, text string) {
	t.Helper()
	expect := func(what, prefix string, want ...int64) {
		t.Helper()
		line, ok := lineAfter(text, prefix)
		if !ok {
			t.Errorf("%s: no line for %s (%q) in\n%s", period, what, prefix, text)
			return
		}
		if got := nums(line); !slices.Equal(got, want) {
			t.Errorf("%s: %s shows %v; want %v (line %q)", period, what, got, want, line)
		}
	}
	expect("ideas", "Sáng kiến:", f.ideas, f.thrift, f.infra)
	expect("estimated savings", "Ước tính (sáng kiến còn hiệu lực):", f.estimated)
	expect("savings by the ideas' progress", "Thực tế trong kỳ theo tiến độ sáng kiến:", f.savedIdeas)
	expect("savings by the units' reports", "Thực tế trong kỳ theo báo cáo của đơn vị:", f.savedReports)
	for _, u := range f.units {
		if u.target > 0 {
			expect("unit "+u.name, u.name+":", u.saved, u.target, u.saved*100/u.target, u.ideas)
		} else {
			expect("unit "+u.name, u.name+":", u.saved, u.ideas)
		}
	}
	for _, p := range f.periods {
		prefix := p.name + " (" + map[bool]string{true: "hạn ", false: ""}[p.open] + p.due + "):"
		if p.open {
			expect("period "+p.due, prefix, int64(p.onTime+p.late), int64(p.pending))
		} else {
			expect("period "+p.due, prefix, int64(p.onTime), int64(p.late), int64(p.missing))
		}
	}
	if len(f.periods) == 0 && !strings.Contains(text, "Không có kỳ báo cáo nào đến hạn") {
		t.Errorf("%s: no period due, and the summary does not say so", period)
	}
	for _, m := range f.topMembers {
		expect("member "+m.name, fmt.Sprintf("%d. %s", m.rank, m.name), m.points)
	}
	for _, u := range f.topUnits {
		expect("unit "+u.name, fmt.Sprintf("%d. %s –", u.rank, u.name), u.points)
	}
	for _, heading := range []string{"Cá nhân dẫn đầu", "Tập thể dẫn đầu"} {
		if (heading == "Cá nhân dẫn đầu" && len(f.topMembers) > 0 || heading == "Tập thể dẫn đầu" && len(f.topUnits) > 0) && !strings.Contains(text, heading) {
			t.Errorf("%s: no heading %q", period, heading)
		}
	}
	expect("open waste reports", "Phản ánh lãng phí đang xử lý:", int64(f.openWaste))
	var statuses []string
	for _, st := range storage.IdeaStatuses {
		if n := f.byStatus[st]; n > 0 {
			statuses = append(statuses, fmt.Sprintf("%s %d", statusVI[st], n))
		}
	}
	if len(statuses) > 0 && !strings.Contains(text, "\n"+strings.Join(statuses, "; ")+"\n") {
		t.Errorf("%s: ideas by status are not %q in\n%s", period, strings.Join(statuses, "; "), text)
	}
}

var statusVI = map[storage.IdeaStatus]string{
	storage.IdeaSubmitted: "đã nộp", storage.IdeaEndorsed: "đơn vị đề xuất", storage.IdeaReturned: "trả lại để bổ sung",
	storage.IdeaRejected: "không được chấp nhận", storage.IdeaAccepted: "được công nhận", storage.IdeaInProgress: "đang thực hiện",
	storage.IdeaDone: "hoàn thành", storage.IdeaWithdrawn: "đã rút",
}

// checkWorkbook asks for the period's export and checks that its summary
// sheet holds the summary's figures and that the record sheets add up to
// them.
func (h *harness) checkWorkbook(t *testing.T, period string, want figures) {
	t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(director, "/export "+period)
	h.waitText(mark, director.ID, "CSV")
	h.settle()
	var book []byte
	for _, m := range h.srv.Messages(director.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx") {
			book = m.Document.Data
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatalf("%s: the workbook does not open: %v", period, err)
	}
	defer f.Close()
	raw := func(sheet, cell string) int64 {
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	summary, _ := f.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
	value := map[string]int64{}
	for _, r := range summary {
		if len(r) >= 2 {
			value[r[0]], _ = strconv.ParseInt(r[1], 10, 64)
		}
	}
	for _, c := range []struct {
		label string
		want  int64
	}{
		{"Số sáng kiến", want.ideas},
		{"Tiết kiệm ước tính/năm (sáng kiến còn hiệu lực)", want.estimated},
		{"Tiết kiệm thực tế theo tiến độ sáng kiến", want.savedIdeas},
		{"Tiết kiệm thực tế theo báo cáo của đơn vị", want.savedReports},
		{"Phản ánh lãng phí đang xử lý", int64(want.openWaste)},
	} {
		if value[c.label] != c.want {
			t.Errorf("%s: the summary sheet's %q = %d; want %d", period, c.label, value[c.label], c.want)
		}
	}
	// The ideas sheet: one row an idea of the span; its estimates, those
	// of live ideas, add up to the estimate.
	ideas, _ := f.GetRows("Sáng kiến")
	var estimated int64
	for i, r := range ideas[1:] {
		switch r[5] {
		case statusVI[storage.IdeaRejected], statusVI[storage.IdeaWithdrawn], statusVI[storage.IdeaReturned]:
		default:
			estimated += raw("Sáng kiến", fmt.Sprintf("H%d", i+2))
		}
	}
	if int64(len(ideas)-1) != want.ideas || estimated != want.estimated {
		t.Errorf("%s: the ideas sheet has %d rows, live estimates %d; want %d, %d", period, len(ideas)-1, estimated, want.ideas, want.estimated)
	}
	progress, _ := f.GetRows("Tiến độ")
	var saved int64
	for i := range progress[1:] {
		saved += raw("Tiến độ", fmt.Sprintf("E%d", i+2))
	}
	if int64(len(progress)-1) != want.progressRows || saved != want.savedIdeas {
		t.Errorf("%s: the progress sheet has %d rows adding %d; want %d, %d", period, len(progress)-1, saved, want.progressRows, want.savedIdeas)
	}
	reports, _ := f.GetRows("Báo cáo")
	var reported int64
	for i := range reports[1:] {
		reported += raw("Báo cáo", fmt.Sprintf("D%d", i+2))
	}
	if int64(len(reports)-1) != want.reportRows || reported != want.savedReports {
		t.Errorf("%s: the reports sheet has %d rows adding %d; want %d, %d", period, len(reports)-1, reported, want.reportRows, want.savedReports)
	}
}
