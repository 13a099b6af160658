package bot

import (
	"math"
	"sort"
	"strings"
	"time"

	"thiduabot/bot/render"
	"thiduabot/bot/texts"

	"thiduabot/storage"
)

// actHatang opens a unit's infrastructure ("ha:u:BCVT") or an indicator's
// card ("ha:i:THON4G:BCVT"), or the overview ("ha:all").
const actHatang = "ha"

// paceMark is the sign of a pace: 🟢 ahead, 🟡 on plan, 🔴 behind.
func paceMark(p storage.Pace) string {
	switch p {
	case storage.Ahead:
		return "🟢"
	case storage.Behind:
		return "🔴"
	}
	return "🟡"
}

// cmdHatang shows infrastructure against the plan: a member their unit's,
// directors and admins every unit's, the furthest behind first.
func cmdHatang(c *Ctx) error {
	if c.Me.IsDirector() || c.Me.IsAdmin() {
		text, kb, err := c.bot.hatangOverview(c.tx, c.Lang, c.tx.Now())
		if err != nil {
			return err
		}
		return c.Reply(text, kb...)
	}
	return sendHatangUnit(c, c.Me.Unit)
}

// onHatangButton opens what a /hatang button names, once the presser may
// see that unit: a forged button for another unit is refused (and so
// audited).
func onHatangButton(c *Ctx, arg string) error {
	kind, rest, _ := strings.Cut(arg, ":")
	switch kind {
	case "all":
		if !c.Me.IsDirector() && !c.Me.IsAdmin() {
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		text, kb, err := c.bot.hatangOverview(c.tx, c.Lang, c.tx.Now())
		if err != nil {
			return err
		}
		return c.Reply(text, kb...)
	case "x":
		if !c.Me.IsDirector() && !c.Me.IsAdmin() {
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		text, kb, err := c.bot.indicatorAcrossUnits(c.tx, c.Lang, rest, c.tx.Now())
		if err != nil {
			return err
		}
		return c.Reply(text, kb...)
	case "u":
		if err := c.Me.MaySeeInfra(rest); err != nil {
			return err
		}
		return sendHatangUnit(c, rest)
	case "i":
		code, unit, _ := strings.Cut(rest, ":")
		if err := c.Me.MaySeeInfra(unit); err != nil {
			return err
		}
		return sendIndicatorCard(c, code, unit)
	}
	return c.Answer(c.T("form.stale"), false)
}

// unitInfra is one unit's infrastructure at a date.
type unitInfra struct {
	unit      storage.Unit
	standings []storage.Standing
	works     []storage.WorkStanding
}

// worst is how far the unit is behind: its worst indicator's gap, less a
// share for each day its latest work is late.
func (u unitInfra) worst() float64 {
	w := 0.0
	if len(u.standings) > 0 {
		w = u.standings[0].Gap
	}
	if len(u.works) > 0 && u.works[0].Schedule.Late() > 0 {
		w = min(w, -float64(u.works[0].Schedule.Late())/365)
	}
	return w
}

func (u unitInfra) behind() (inds, works int) {
	for _, s := range u.standings {
		if s.Pace == storage.Behind {
			inds++
		}
	}
	for _, w := range u.works {
		if w.Schedule.Pace == storage.Behind {
			works++
		}
	}
	return inds, works
}

// HatangUnits returns every unit's infrastructure at a date, the furthest
// behind first; units with neither indicator nor work are left out.
func HatangUnits(tx *storage.Tx, at time.Time) ([]unitInfra, error) {
	units, err := tx.Units()
	if err != nil {
		return nil, err
	}
	works, err := tx.UnitWorks("", at)
	if err != nil {
		return nil, err
	}
	var out []unitInfra
	for _, u := range units {
		st, err := tx.UnitStandings(u.Code, at)
		if err != nil {
			return nil, err
		}
		ui := unitInfra{unit: u, standings: st}
		for _, w := range works {
			if w.Work.Unit == u.Code {
				ui.works = append(ui.works, w)
			}
		}
		if len(ui.standings) > 0 || len(ui.works) > 0 {
			out = append(out, ui)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].worst() < out[j].worst() })
	return out, nil
}

func (o *office) hatangOverview(tx *storage.Tx, lang string, now time.Time) (string, [][]storage.Button, error) {
	all, err := HatangUnits(tx, now)
	if err != nil {
		return "", nil, err
	}
	year := now.In(o.loc).Year()
	if len(all) == 0 {
		return texts.T(lang, "hatang.none", year), nil, nil
	}
	lines := []string{texts.T(lang, "hatang.all_title", year, now.In(o.loc).Format("02/01/2006"))}
	var kb [][]storage.Button
	for _, u := range all {
		bi, bw := u.behind()
		mark := "🟢"
		if bi+bw > 0 {
			mark = "🔴"
		}
		lines = append(lines, texts.T(lang, "hatang.unit_row", mark, u.unit.Name, bi, len(u.standings), bw, len(u.works)))
		kb = append(kb, []storage.Button{{Text: truncate(mark+" "+o.shortName(u.unit), 40), Data: data(actHatang, "u", u.unit.Code)}})
	}
	// One button per indicator: every unit on it, the furthest behind first.
	inds, err := tx.Indicators()
	if err != nil {
		return "", nil, err
	}
	var row []storage.Button
	for _, ind := range inds {
		row = append(row, storage.Button{Text: truncate("📊 "+ind.Name, 32), Data: data(actHatang, "x", ind.Code)})
		if len(row) == 2 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	return strings.Join(lines, "\n"), kb, nil
}

// indicatorAcrossUnits is every unit's standing on one indicator, the
// furthest behind first: "which units are behind on 4G to villages?"
func (o *office) indicatorAcrossUnits(tx *storage.Tx, lang, code string, now time.Time) (string, [][]storage.Button, error) {
	ind, ok, err := tx.Indicator(code)
	if err != nil {
		return "", nil, err
	}
	if !ok {
		return "", nil, storage.Errorf(storage.EForbidden, storage.ReasonIndicatorNotOwed)
	}
	units, err := tx.Units()
	if err != nil {
		return "", nil, err
	}
	year := now.In(o.loc).Year()
	var list []storage.Standing
	names := map[string]storage.Unit{}
	for _, u := range units {
		t, has, err := tx.Target(code, u.Code, year)
		if err != nil {
			return "", nil, err
		}
		if !has {
			continue
		}
		reports, err := tx.IndicatorReports(code, u.Code)
		if err != nil {
			return "", nil, err
		}
		names[u.Code] = u
		list = append(list, storage.Stand(ind, t, storage.Values(reports), now, o.loc))
	}
	storage.SortStandings(list)
	lines := []string{texts.T(lang, "hatang.across_title", ind.Name, year, now.In(o.loc).Format("02/01/2006"))}
	var kb [][]storage.Button
	for _, s := range list {
		u := names[s.Target.Unit]
		lines = append(lines, o.shortName(u)+": "+o.standingLine(lang, s))
		kb = append(kb, []storage.Button{{Text: truncate(paceMark(s.Pace)+" "+o.shortName(u), 40), Data: data(actHatang, "i", code, u.Code)}})
	}
	if len(list) == 0 {
		lines = append(lines, texts.T(lang, "hatang.across_none"))
	}
	kb = append(kb, []storage.Button{{Text: texts.T(lang, "btn.hatang_all"), Data: data(actHatang, "all")}})
	return strings.Join(lines, "\n"), kb, nil
}

// hatangUnitText is a unit's indicators and works against the plan.
func (o *office) hatangUnitText(tx *storage.Tx, lang string, u storage.Unit, now time.Time) (string, [][]storage.Button, []storage.Standing, error) {
	year := now.In(o.loc).Year()
	st, err := tx.UnitStandings(u.Code, now)
	if err != nil {
		return "", nil, nil, err
	}
	works, err := tx.UnitWorks(u.Code, now)
	if err != nil {
		return "", nil, nil, err
	}
	if len(st) == 0 && len(works) == 0 {
		return texts.T(lang, "hatang.none", year), nil, nil, nil
	}
	lines := []string{texts.T(lang, "hatang.unit_title", u.Name, year, now.In(o.loc).Format("02/01/2006"))}
	var kb [][]storage.Button
	if len(st) > 0 {
		lines = append(lines, texts.T(lang, "hatang.indicators"))
	}
	for _, s := range st {
		lines = append(lines, o.standingLine(lang, s))
		kb = append(kb, []storage.Button{{Text: truncate(paceMark(s.Pace)+" "+s.Indicator.Name, 40), Data: data(actHatang, "i", s.Indicator.Code, u.Code)}})
	}
	if len(works) > 0 {
		lines = append(lines, texts.T(lang, "hatang.works"))
	}
	for _, w := range works {
		lines = append(lines, o.workLine(lang, w))
	}
	return strings.Join(lines, "\n"), kb, st, nil
}

func (o *office) standingLine(lang string, s storage.Standing) string {
	changed, unreported := "", ""
	if !s.Changed.IsZero() {
		changed = texts.T(lang, "report.ind_changed", s.Changed.In(o.loc).Format("02/01/2006"))
	}
	if !s.Reported {
		unreported = texts.T(lang, "hatang.ind_unreported")
	}
	key := "hatang.ind_line"
	if s.Indicator.Kind == storage.KindFlow {
		key = "hatang.ind_line_flow" // its baseline is last year's total, not a start
	}
	return texts.T(lang, key, paceMark(s.Pace), s.Indicator.Name, num(lang, s.Target.Baseline), num(lang, s.Now), num(lang, s.Goal), s.Indicator.Measure,
		num(lang, 100*s.Share), texts.T(lang, "hatang.pace."+s.Pace.String()), measured(lang, s.Indicator, s.Plan), texts.HTML(changed+unreported))
}

// measured writes an indicator's value with its measure: "97,6%" for a
// rate, "139 trạm" for what is counted (a plan to date is not a fraction
// of a station), "12,5 km" and amounts to a decimal.
func measured(lang string, ind storage.Indicator, v float64) string {
	switch {
	case ind.Measure == "%":
		return num(lang, math.Round(v*10)/10) + "%"
	case ind.Measure == "km" || strings.Contains(ind.Measure, "đồng"):
		return num(lang, math.Round(v*10)/10) + " " + ind.Measure
	}
	return num(lang, math.Round(v)) + " " + ind.Measure
}

func (o *office) workLine(lang string, w storage.WorkStanding) string {
	var status string
	switch w.Schedule.Pace {
	case storage.Behind:
		status = texts.T(lang, "hatang.work.behind", w.Schedule.Days)
	case storage.Ahead:
		status = texts.T(lang, "hatang.work.ahead", w.Schedule.Days)
	default:
		status = texts.T(lang, "hatang.work.on")
	}
	next := texts.T(lang, "hatang.next_none")
	if i := w.Schedule.Next; i >= 0 {
		m := w.Work.Milestones[i]
		next = texts.T(lang, "hatang.next", m.Name, m.Due.In(o.loc).Format("02/01/2006"))
	}
	return texts.T(lang, "hatang.work_line", paceMark(w.Schedule.Pace), w.Work.Name, texts.HTML(status), num(lang, w.State.Percent), texts.HTML(next))
}

// sendHatangUnit sends a unit's view, and its chart of actual against plan.
func sendHatangUnit(c *Ctx, code string) error {
	u, err := c.tx.ExistingUnit(code)
	if err != nil {
		return err
	}
	text, kb, st, err := c.bot.hatangUnitText(c.tx, c.Lang, u, c.tx.Now())
	if err != nil {
		return err
	}
	if c.Me.IsDirector() || c.Me.IsAdmin() {
		kb = append(kb, []storage.Button{{Text: c.T("btn.hatang_all"), Data: data(actHatang, "all")}})
	}
	if err := c.Reply(text, kb...); err != nil {
		return err
	}
	png, err := c.bot.infraChart(c.Lang, u, st, c.tx.Now().In(c.bot.loc).Year(), render.PNG)
	if err != nil || png == nil {
		return err
	}
	_, err = c.tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendPhoto, ChatID: c.Req.ChatID, Document: &storage.Document{Name: "ha-tang-" + strings.ToLower(u.Code) + ".png", Data: png}})
	return err
}
