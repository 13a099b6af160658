package bot

import (
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The walk's answers at the confirm, stored with the report, and what a
// unit still owes for a period.

// infraSummary is the walk's answers as the confirm step shows them ("" for none).
func infraSummary(c *Ctx, st *reportForm) (string, error) {
	var lines []string
	for _, it := range walkItems(st) {
		kind, code, _ := strings.Cut(it, ":")
		if kind == "i" {
			ind, _, err := c.tx.Indicator(code)
			if err != nil {
				return "", err
			}
			v, ok := st.Answers["iv:"+code]
			switch {
			case !ok:
				lines = append(lines, c.T("report.ind_line_later", ind.Name))
			case st.Answers["ir:"+code] != "":
				x, _ := strconv.ParseFloat(v, 64)
				lines = append(lines, c.T("report.ind_line_reason", ind.Name, num(c.Lang, x), ind.Measure, st.Answers["ir:"+code]))
			default:
				x, _ := strconv.ParseFloat(v, 64)
				lines = append(lines, c.T("report.ind_line", ind.Name, num(c.Lang, x), ind.Measure))
			}
			continue
		}
		w, _, err := c.tx.Work(code)
		if err != nil {
			return "", err
		}
		if _, ok := st.Answers["wi:"+code]; !ok {
			lines = append(lines, c.T("report.work_line_later", w.Name))
			continue
		}
		ms := c.T("report.work_no_ms")
		if i, _ := strconv.Atoi(st.Answers["wm:"+code]); i >= 0 && i < len(w.Milestones) {
			d, _ := strconv.ParseInt(st.Answers["wd:"+code], 10, 64)
			ms = c.T("report.work_ms", w.Milestones[i].Name, time.Unix(d, 0).In(c.bot.loc).Format("02/01/2006"))
		}
		pct, _ := strconv.ParseFloat(st.Answers["wp:"+code], 64)
		disb, _ := strconv.ParseInt(st.Answers["wb:"+code], 10, 64)
		inc := c.T("report.work_incident_no")
		if st.Answers["wi:"+code] == "1" {
			inc = c.T("report.work_incident_yes")
		}
		lines = append(lines, c.T("report.work_line", w.Name, ms, num(c.Lang, pct), texts.Money(disb), texts.HTML(inc)))
	}
	if len(lines) == 0 {
		return "", nil
	}
	return c.T("report.infra_lines", texts.HTML(strings.Join(lines, "\n"))), nil
}

// fileInfra stores the walk's answers with the report, in its transaction.
func fileInfra(c *Ctx, st *reportForm) error {
	for _, it := range walkItems(st) {
		kind, code, _ := strings.Cut(it, ":")
		if kind == "i" {
			v, ok := st.Answers["iv:"+code]
			if !ok {
				continue
			}
			x, _ := strconv.ParseFloat(v, 64)
			if _, err := c.tx.RecordIndicator(c.Me, storage.IndicatorReport{Indicator: code, Unit: st.Unit, PeriodKey: st.Period, Value: x, Reason: st.Answers["ir:"+code]}); err != nil {
				return err
			}
			continue
		}
		if _, ok := st.Answers["wi:"+code]; !ok {
			continue
		}
		ms, _ := strconv.Atoi(st.Answers["wm:"+code])
		d, _ := strconv.ParseInt(st.Answers["wd:"+code], 10, 64)
		pct, _ := strconv.ParseFloat(st.Answers["wp:"+code], 64)
		disb, _ := strconv.ParseInt(st.Answers["wb:"+code], 10, 64)
		r := storage.WorkReport{Work: code, Unit: st.Unit, PeriodKey: st.Period, Milestone: ms, Percent: pct, Disbursed: disb, Incident: st.Answers["wi:"+code] == "1"}
		if ms >= 0 {
			r.ReachedOn = time.Unix(d, 0).In(c.bot.loc)
		}
		if _, err := c.tx.RecordWork(c.Me, r); err != nil {
			return err
		}
	}
	return nil
}

// owedText names, for a reminder, the indicators and works a unit has
// not yet reported for a period ("" when it owes none).
func owedText(tx *storage.Tx, lang string, p storage.Period, unit string) (string, error) {
	o, err := tx.StillOwed(p, unit)
	if err != nil || o.Empty() {
		return "", err
	}
	var names []string
	for _, ind := range o.Indicators {
		names = append(names, ind.Name)
	}
	for _, w := range o.Works {
		names = append(names, w.Name)
	}
	return texts.T(lang, "report.owes", strings.Join(names, "; ")), nil
}

// owedCodes is the same for the directors' list of missing units, by
// code: " (THON4G, BTS, VUNGLOM)".
func owedCodes(tx *storage.Tx, p storage.Period, unit string) (string, error) {
	o, err := tx.StillOwed(p, unit)
	if err != nil || o.Empty() {
		return "", err
	}
	var codes []string
	for _, ind := range o.Indicators {
		codes = append(codes, ind.Code)
	}
	for _, w := range o.Works {
		codes = append(codes, w.Code)
	}
	return " (" + strings.Join(codes, ", ") + ")", nil
}
