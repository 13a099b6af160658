package bot_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"thiduabot/bot/texts"

	"github.com/xuri/excelize/v2"

	"thiduabot/storage"
)

// Reading the figures back from a summary and a workbook, for
// TestFigures_SummaryAndExportEqualARecomputationFromTheRecords.

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

// statusVI names each status as the Vietnamese catalogue does.
var statusVI = func() map[storage.IdeaStatus]string {
	out := map[storage.IdeaStatus]string{}
	for _, st := range storage.IdeaStatuses {
		out[st] = texts.T("vi", "idea."+string(st))
	}
	return out
}()

// checkWorkbook asks for the period's export and checks that its summary
// sheet holds the summary's figures and that the record sheets add up to
// them.
func (h *harness) checkWorkbook(t *testing.T, period string, want figures) {
	t.Helper()
	f := h.workbook(period)
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
		case statusVI[storage.IdeaNotProposed], statusVI[storage.IdeaNotApproved], statusVI[storage.IdeaWithdrawn], statusVI[storage.IdeaReturned]:
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
