package bot

import (
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// infraEvidenceText is the proposal's infrastructure evidence, after its
// text: for each collective, the indicators it reached or passed and its
// works on or ahead of schedule; for each person, their infrastructure
// initiatives approved in the year and the outside-budget investment they
// mobilised, which the movement's plan singles out ("" when none has any).
func (o *office) infraEvidenceText(tx *storage.Tx, lang string, p proposal) (string, error) {
	var lines []string
	seen := map[string]bool{}
	for _, u := range p.units {
		if seen[u.unit.Code] {
			continue
		}
		seen[u.unit.Code] = true
		reached, works, err := tx.UnitInfraEvidence(u.unit.Code, p.year)
		if err != nil {
			return "", err
		}
		if len(reached)+len(works) == 0 {
			continue
		}
		var inds, ws []string
		for _, s := range reached {
			inds = append(inds, s.Indicator.Name+" ("+num(lang, s.Now)+"/"+num(lang, s.Goal)+" "+s.Indicator.Measure+")")
		}
		for _, w := range works {
			ws = append(ws, w.Work.Name)
		}
		lines = append(lines, texts.T(lang, "commend.infra_unit", u.unit.Name, len(reached), strings.Join(inds, "; "), len(works), strings.Join(ws, "; ")))
	}
	done := map[int64]bool{}
	for _, m := range p.members {
		if done[m.member.UserID] {
			continue
		}
		done[m.member.UserID] = true
		ideas, mobilised, err := tx.PersonInfraEvidence(m.member.UserID, p.year)
		if err != nil {
			return "", err
		}
		if len(ideas) == 0 {
			continue
		}
		var refs []string
		for _, i := range ideas {
			refs = append(refs, i.Ref())
		}
		lines = append(lines, texts.T(lang, "commend.infra_member", displayName(lang, m.member), len(ideas), strings.Join(refs, ", "), texts.Money(mobilised)))
	}
	if len(lines) == 0 {
		return "", nil
	}
	return texts.T(lang, "commend.infra") + strings.Join(lines, ""), nil
}
