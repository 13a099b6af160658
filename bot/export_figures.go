package bot

import (
	"thiduabot/bot/period"
	"thiduabot/bot/render"
	"thiduabot/bot/texts"
	"thiduabot/storage"

	"github.com/xuri/excelize/v2"
)

// writeFiguresSheet writes the span's Figures as the workbook's first
// sheet: the same numbers as /summary, from the same function, so that
// what a director signs in the chat and in the file agree. The sheets
// after it hold the records they are counted from, and their columns add
// up to them (docs/figures.md says how).
func (o *office) writeFiguresSheet(f *excelize.File, st render.Styles, lang string, s storage.Span, fig storage.Figures) error {
	sh, err := render.NewSheet(f, texts.T(lang, "x.sheet_summary"), st, o.loc, texts.T(lang, "x.figure"), texts.T(lang, "x.value"), "", "", "")
	if err != nil {
		return err
	}
	rows := [][]any{{texts.T(lang, "x.movement"), o.cfg.Org.Movement}, {texts.T(lang, "x.org"), o.cfg.Org.Name}, {texts.T(lang, "x.period_name"), period.Name(lang, s)}, {texts.T(lang, "x.ideas_total"), fig.Ideas}}
	for _, status := range storage.IdeaStatuses {
		rows = append(rows, []any{texts.T(lang, "idea."+string(status)), fig.ByStatus[status]})
	}
	for _, th := range []storage.Theme{storage.ThemeThrift, storage.ThemeInfrastructure} {
		rows = append(rows, []any{texts.T(lang, "theme."+string(th)), fig.ByTheme[th]})
	}
	rows = append(rows,
		[]any{texts.T(lang, "x.estimate_live"), render.Money(fig.Estimated)},
		[]any{texts.T(lang, "x.saved_ideas"), render.Money(fig.SavedByIdeas)},
		[]any{texts.T(lang, "x.saved_reports"), render.Money(fig.SavedByReports)},
		[]any{texts.T(lang, "x.open_waste"), fig.OpenWaste},
		[]any{},
		[]any{texts.T(lang, "x.unit"), texts.T(lang, "x.target"), texts.T(lang, "x.saved_reports"), texts.T(lang, "x.target_pct"), texts.T(lang, "x.saved_ideas")},
	)
	for _, u := range fig.Units {
		pct := any("")
		if p, ok := u.Percent(); ok {
			pct = p
		}
		rows = append(rows, []any{u.Unit.Name, render.Money(u.Unit.Target), render.Money(u.SavedByReports), pct, render.Money(u.SavedByIdeas)})
	}
	for _, r := range rows {
		if err := sh.Add(r...); err != nil {
			return err
		}
	}
	return sh.Flush()
}
