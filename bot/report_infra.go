package bot

import (
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The report's walk through the unit's infrastructure, after the money
// saved: each indicator the unit has a target for in the period's year,
// then each of its works. The answers wait in the form's data, and are
// stored with the report when it is confirmed: nothing half-saved.
//
// Form data: "items" the walk ("i:CODE,w:CODE…") and "pos" the place in
// it; per indicator "iv:CODE" the value and "ir:CODE" the reason it is
// lower; per work "wm:CODE" the milestone reached (-1 none), "wd:CODE"
// the date (unix), "wp:CODE" the %, "wb:CODE" the disbursed VND, "wi:CODE"
// 1 for an incident; "pending" a value waiting for "đúng không?" or its
// reason.

// num writes a measure's value as lang writes numbers: 95,5 or 18.000 in
// Vietnamese, 95.5 or 18,000 in English.
func num(lang string, v float64) string { return texts.Number(lang, v) }

// infraItems is the walk for a unit's report of a period.
func infraItems(tx *storage.Tx, p storage.Period, unit string) ([]string, error) {
	inds, err := tx.OwedIndicators(p, unit)
	if err != nil {
		return nil, err
	}
	var items []string
	for _, ind := range inds {
		items = append(items, "i:"+ind.Code)
	}
	works, err := tx.WorksOf(unit)
	if err != nil {
		return nil, err
	}
	for _, w := range works {
		items = append(items, "w:"+w.Code)
	}
	return items, nil
}

// startInfraWalk begins the walk after the money saved.
func startInfraWalk(c *Ctx, st *reportForm) error {
	p, err := c.tx.Period(st.Period)
	if err != nil {
		return err
	}
	items, err := infraItems(c.tx, p, st.Unit)
	if err != nil {
		return err
	}
	st.Items, st.Pos = strings.Join(items, ","), "0"
	return askItem(c, st)
}

func walkItems(st *reportForm) []string {
	if st.Items == "" {
		return nil
	}
	return strings.Split(st.Items, ",")
}

func laterButton(c *Ctx) []storage.Button {
	return []storage.Button{{Text: c.T("btn.later"), Data: data(actForm, "later")}}
}

// askItem asks about the walk's current item, or for the note after the last.
func askItem(c *Ctx, st *reportForm) error {
	items := walkItems(st)
	pos, _ := strconv.Atoi(st.Pos)
	if pos >= len(items) {
		return saveStep(c, formReport, st, "infra", c.T("report.ask_infra", storage.MaxDescriptionLen), skipButton(c))
	}
	kind, code, _ := strings.Cut(items[pos], ":")
	p, err := c.tx.Period(st.Period)
	if err != nil {
		return err
	}
	if kind == "i" {
		ind, t, err := owedIndicator(c, p, st.Unit, code)
		if err != nil {
			return err
		}
		n, total := countKind(items, "i", pos)
		goal, _, changed := t.At(c.tx.Now())
		last := c.T("report.ind_last_none", num(c.Lang, t.Baseline))
		if r, ok, err := c.tx.LastIndicatorValue(code, st.Unit, p.Due); err != nil {
			return err
		} else if ok {
			last = num(c.Lang, r.Value) + " " + ind.Measure
		}
		note := ""
		if !changed.IsZero() {
			note = c.T("report.ind_changed", changed.In(c.bot.loc).Format("02/01/2006"))
		}
		hint, example := c.T("report.ind_level_hint"), num(c.Lang, goal)
		if ind.Kind == storage.KindFlow {
			hint, example = c.T("report.ind_flow_hint"), num(c.Lang, goal/4)
		}
		return saveStep(c, formReport, st, "i_val", c.T("report.ind_ask", n, total, ind.Name, ind.Measure, last, num(c.Lang, goal)+" "+ind.Measure, note, hint, example), laterButton(c))
	}
	w, err := owedWork(c, st.Unit, code)
	if err != nil {
		return err
	}
	n, total := countKind(items, "w", pos)
	reports, err := c.tx.WorkReports(code)
	if err != nil {
		return err
	}
	ws := storage.StateOf(reports)
	next := c.T("report.work_all_reached")
	var kb [][]storage.Button
	for i, m := range w.Milestones {
		if _, ok := ws.Reached[i]; ok {
			continue
		}
		if len(kb) == 0 {
			next = m.Name + " (" + m.Due.In(c.bot.loc).Format("02/01/2006") + ")"
		}
		kb = append(kb, []storage.Button{{Text: truncate(m.Name, 40), Data: data(actForm, "ms", strconv.Itoa(i))}})
	}
	kb = append(kb, []storage.Button{{Text: c.T("btn.no_milestone"), Data: data(actForm, "ms", "-1")}}, laterButton(c))
	return saveStep(c, formReport, st, "w_ms", c.T("report.work_ask", n, total, w.Name, next), kb...)
}

// countKind says which of its kind the item at pos is, and how many there are.
func countKind(items []string, kind string, pos int) (n, total int) {
	for i, it := range items {
		if strings.HasPrefix(it, kind+":") {
			total++
			if i <= pos {
				n++
			}
		}
	}
	return n, total
}

// owedIndicator is an indicator the unit has a target for in the period's
// year; any other is refused (and, being forbidden, audited).
func owedIndicator(c *Ctx, p storage.Period, unit, code string) (storage.Indicator, storage.Target, error) {
	ind, ok, err := c.tx.Indicator(code)
	if err != nil {
		return ind, storage.Target{}, err
	}
	t, has, err := c.tx.Target(code, unit, p.Due.In(c.bot.loc).Year())
	if err != nil {
		return ind, t, err
	}
	if !ok || !has || unit != c.Me.Unit {
		return ind, t, storage.Errorf(storage.EForbidden, storage.ReasonIndicatorNotOwed)
	}
	return ind, t, nil
}

// owedWork is one of the unit's works; any other is refused and audited.
func owedWork(c *Ctx, unit, code string) (storage.Work, error) {
	w, ok, err := c.tx.Work(code)
	if err != nil {
		return w, err
	}
	if !ok || w.Unit != unit || unit != c.Me.Unit {
		return w, storage.Errorf(storage.EForbidden, storage.ReasonWorkNotOwed)
	}
	return w, nil
}

// nextItem moves the walk on.
func nextItem(c *Ctx, st *reportForm) error {
	pos, _ := strconv.Atoi(st.Pos)
	st.Pos = strconv.Itoa(pos + 1)
	st.Pending = ""
	return askItem(c, st)
}

// infraStep takes one answer of the walk.
func infraStep(c *Ctx, f storage.Form, st *reportForm) error {
	pressed := formAnswer(c)
	items := walkItems(st)
	pos, _ := strconv.Atoi(st.Pos)
	if pos >= len(items) {
		return c.Answer(c.T("form.stale"), false)
	}
	_, code, _ := strings.Cut(items[pos], ":")
	if c.Req.CallbackID != "" && pressed == "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if pressed == "later" {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		for _, k := range []string{"iv:", "ir:", "wm:", "wd:", "wp:", "wb:", "wi:"} {
			delete(st.Answers, k+code)
		}
		return nextItem(c, st)
	}
	p, err := c.tx.Period(st.Period)
	if err != nil {
		return err
	}
	switch f.Step {
	case "i_val", "i_far", "i_reason":
		ind, t, err := owedIndicator(c, p, st.Unit, code)
		if err != nil {
			return err
		}
		return indicatorAnswer(c, f, st, p, ind, t, pressed)
	}
	w, err := owedWork(c, st.Unit, code)
	if err != nil {
		return err
	}
	return workAnswer(c, f, st, w, pressed)
}

func indicatorAnswer(c *Ctx, f storage.Form, st *reportForm, p storage.Period, ind storage.Indicator, t storage.Target, pressed string) error {
	code := ind.Code
	goal, _, _ := t.At(c.tx.Now())
	// accept keeps a value, asking first for the reason a level fell.
	accept := func(v float64) error {
		last, had, err := c.tx.LastIndicatorValue(code, st.Unit, p.Due)
		if err != nil {
			return err
		}
		if storage.LowerThanLast(ind.Kind, v, storage.IndicatorValue{Value: last.Value}, had) {
			st.Pending = strconv.FormatFloat(v, 'g', -1, 64)
			return saveStep(c, formReport, st, "i_reason", c.T("report.ind_lower", num(c.Lang, v)+" "+ind.Measure, num(c.Lang, last.Value)), laterButton(c))
		}
		st.Answers["iv:"+code] = strconv.FormatFloat(v, 'g', -1, 64)
		delete(st.Answers, "ir:"+code)
		return nextItem(c, st)
	}
	switch f.Step {
	case "i_val":
		var v float64
		var err error
		if ind.Percent() {
			v, err = storage.ParsePercent(c.Req.Text)
		} else {
			v, err = storage.ParseAmount(c.Req.Text)
		}
		if err != nil {
			return err
		}
		if storage.FarOff(v, goal) {
			st.Pending = strconv.FormatFloat(v, 'g', -1, 64)
			kb := []storage.Button{{Text: c.T("btn.yes_right"), Data: data(actForm, "yes")}, {Text: c.T("btn.no_retype"), Data: data(actForm, "no")}}
			return saveStep(c, formReport, st, "i_far", c.T("report.ind_far", num(c.Lang, v), ind.Measure, num(c.Lang, goal)+" "+ind.Measure), kb)
		}
		return accept(v)
	case "i_far":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		switch pressed {
		case "yes":
			v, _ := strconv.ParseFloat(st.Pending, 64)
			return accept(v)
		case "no":
			return askItem(c, st)
		}
		return c.Reply(c.T("form.choose"))
	default: // i_reason
		if pressed != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		why, err := storage.CheckReason(c.Req.Text)
		if err != nil {
			return err
		}
		st.Answers["iv:"+code], st.Answers["ir:"+code] = st.Pending, why
		return nextItem(c, st)
	}
}

func pctButtons() []storage.Button {
	var row []storage.Button
	for _, p := range []string{"25", "50", "75", "100"} {
		row = append(row, storage.Button{Text: p + "%", Data: data(actForm, "pct", p)})
	}
	return row
}

func workAnswer(c *Ctx, f storage.Form, st *reportForm, w storage.Work, pressed string) error {
	code := w.Code
	arg, val, _ := strings.Cut(pressed, ":")
	askPct := func() error {
		return saveStep(c, formReport, st, "w_pct", c.T("report.work_pct", w.Name), pctButtons(), laterButton(c))
	}
	switch f.Step {
	case "w_ms":
		i, err := strconv.Atoi(val)
		if arg != "ms" || err != nil || i < -1 || i >= len(w.Milestones) {
			return c.Reply(c.T("form.choose"))
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.Answers["wm:"+code] = strconv.Itoa(i)
		if i < 0 {
			delete(st.Answers, "wd:"+code)
			return askPct()
		}
		return saveStep(c, formReport, st, "w_date", c.T("report.work_date", w.Milestones[i].Name), []storage.Button{{Text: c.T("btn.today"), Data: data(actForm, "today")}})
	case "w_date":
		today := c.tx.Now().In(c.bot.loc)
		on := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, c.bot.loc)
		if pressed != "today" {
			t, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(c.Req.Text), c.bot.loc)
			if err != nil || t.After(on) || t.Year() < on.Year()-5 {
				return c.Reply(c.T("report.date_bad"), []storage.Button{{Text: c.T("btn.today"), Data: data(actForm, "today")}})
			}
			on = t
		} else if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.Answers["wd:"+code] = strconv.FormatInt(on.Unix(), 10)
		return askPct()
	case "w_pct":
		var v float64
		if arg == "pct" {
			v, _ = strconv.ParseFloat(val, 64)
			if err := c.RemoveButtons(); err != nil {
				return err
			}
		} else {
			var err error
			if v, err = storage.ParsePercent(c.Req.Text); err != nil {
				return err
			}
		}
		st.Answers["wp:"+code] = strconv.FormatFloat(v, 'g', -1, 64)
		return saveStep(c, formReport, st, "w_disb", c.T("report.work_disb", w.Name), laterButton(c))
	case "w_disb":
		v, err := storage.ParseVND(c.Req.Text)
		if err != nil {
			return err
		}
		st.Answers["wb:"+code] = strconv.FormatInt(v, 10)
		kb := []storage.Button{{Text: c.T("btn.incident_no"), Data: data(actForm, "inc", "0")}, {Text: c.T("btn.incident_yes"), Data: data(actForm, "inc", "1")}}
		return saveStep(c, formReport, st, "w_inc", c.T("report.work_incident", w.Name), kb)
	case "w_inc":
		if arg != "inc" {
			return c.Reply(c.T("form.choose"))
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.Answers["wi:"+code] = val
		return nextItem(c, st)
	}
	return c.Answer(c.T("form.stale"), false)
}
