package bot

import (
	"math"

	"thiduabot/bot/render"
	"thiduabot/bot/texts"

	"github.com/xuri/excelize/v2"

	"thiduabot/storage"
)

// writeInfraSheets writes the sheets "Chỉ tiêu hạ tầng" (each unit's
// indicators against the plan) and "Công trình" (each work against its
// milestones), from the same figures as /summary.
func (o *office) writeInfraSheets(f *excelize.File, st render.Styles, lang string, fig storage.InfraFigures) error {
	t := func(k string) string { return texts.T(lang, k) }
	sh, err := render.NewSheet(f, t("x.sheet_indicators"), st, o.loc, t("x.unit"), t("x.ind_code"), t("x.ind_name"), t("x.ind_measure"), t("x.ind_kind"),
		t("x.ind_baseline"), t("x.ind_target"), t("x.ind_plan"), t("x.ind_now"), t("x.ind_share"), t("x.ind_pace"), t("x.ind_changed"))
	if err != nil {
		return err
	}
	for _, s := range fig.Indicators {
		if err := sh.Add(s.Target.Unit, s.Indicator.Code, s.Indicator.Name, s.Indicator.Measure, texts.T(lang, "x.kind_"+s.Indicator.Kind),
			s.Target.Baseline, s.Goal, round2(s.Plan), s.Now, round2(100*s.Share), texts.T(lang, "hatang.pace."+s.Pace.String()), s.Changed); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}
	ws, err := render.NewSheet(f, t("x.sheet_works"), st, o.loc, t("x.unit"), t("x.work_code"), t("x.work_name"), t("x.work_investment"), t("x.work_budget"),
		t("x.work_outside"), t("x.work_disbursed"), t("x.percent"), t("x.work_next"), t("x.work_next_due"), t("x.ind_pace"), t("x.work_days"), t("x.work_incidents"))
	if err != nil {
		return err
	}
	for _, w := range fig.Works {
		next, due := "", any("")
		if i := w.Schedule.Next; i >= 0 {
			next, due = w.Work.Milestones[i].Name, w.Work.Milestones[i].Due
		}
		if err := ws.Add(w.Work.Unit, w.Work.Code, w.Work.Name, render.Money(w.Work.Investment), render.Money(w.Work.Budget), render.Money(w.Work.OutsideBudget), render.Money(w.State.Disbursed),
			w.State.Percent, next, due, texts.T(lang, "x.work_"+w.Schedule.Pace.String()), w.Schedule.Late(), w.State.Incidents); err != nil {
			return err
		}
	}
	return ws.Flush()
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
