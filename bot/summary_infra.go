package bot

import (
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// infraShown is how many indicators and works behind the summary names.
const infraShown = 5

// infraFiguresText is the summary's infrastructure block: how many
// indicators and works are ahead, on plan and behind, the furthest behind
// by name, and the works' money ("" when there is neither).
func (o *office) infraFiguresText(tx *storage.Tx, lang string, f storage.InfraFigures) string {
	if len(f.Indicators) == 0 && len(f.Works) == 0 {
		return ""
	}
	var out strings.Builder
	out.WriteString(texts.T(lang, "fig.infra", f.At.In(o.loc).Format("02/01/2006")))
	out.WriteString(texts.T(lang, "fig.infra_indicators", len(f.Indicators), f.IndicatorPace[storage.Ahead], f.IndicatorPace[storage.OnPlan], f.IndicatorPace[storage.Behind]))
	shown := 0
	for _, s := range f.Indicators {
		if s.Pace != storage.Behind || shown == infraShown {
			break
		}
		shown++
		out.WriteString(texts.T(lang, "fig.infra_behind", o.unitShort(tx, s.Target.Unit), s.Indicator.Name, measured(lang, s.Indicator, s.Now), measured(lang, s.Indicator, s.Plan)))
	}
	out.WriteString(texts.T(lang, "fig.infra_works", len(f.Works), f.WorkPace[storage.Ahead], f.WorkPace[storage.OnPlan], f.WorkPace[storage.Behind]))
	shown = 0
	for _, w := range f.Works {
		if w.Schedule.Pace != storage.Behind || shown == infraShown {
			break
		}
		shown++
		out.WriteString(texts.T(lang, "fig.infra_late", o.unitShort(tx, w.Work.Unit), w.Work.Name, w.Schedule.Days))
	}
	if len(f.Works) > 0 {
		out.WriteString(texts.T(lang, "fig.infra_money", texts.Money(f.Investment), texts.Money(f.OutsideBudget), texts.Money(f.Disbursed), f.Incidents))
	}
	return out.String()
}
