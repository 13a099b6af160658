package bot

import (
	"strconv"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// An infrastructure idea states its own benefit: the indicator it moves
// and by how much, a saving in money, or neither with a sentence why.
// Form data: "b_kind" ind|money|none, "b_ind" the indicator's code,
// "b_amt" the amount, "b_why" the sentence.

func benefitButtons(c *Ctx) []storage.Button {
	return []storage.Button{
		{Text: c.T("btn.benefit_ind"), Data: data(actForm, "bk", "ind")},
		{Text: c.T("btn.benefit_money"), Data: data(actForm, "bk", "money")},
		{Text: c.T("btn.benefit_none"), Data: data(actForm, "bk", "none")},
	}
}

// benefitStep takes the answers about an infrastructure idea's benefit;
// done moves the form on to the similar ideas and the confirm.
func benefitStep(c *Ctx, f storage.Form, st *ideaForm, pressed, typed string, keep bool, next func(step, prompt string, kb ...[]storage.Button) error, done func() error) error {
	switch f.Step {
	case "benefit":
		if keep && st.BKind != "" {
			return done()
		}
		kind := map[string]string{"bk:ind": "ind", "bk:money": "money", "bk:none": "none"}[pressed]
		if kind == "" {
			return c.Reply(c.T("form.choose"), benefitButtons(c))
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.BKind = kind
		switch kind {
		case "money":
			st.BInd = ""
			return next("savings", c.T("idea.ask_savings"))
		case "none":
			st.Savings = "0"
			return next("b_why", c.T("idea.ask_benefit_why", storage.MaxReasonLen))
		}
		st.Savings = "0"
		inds, err := c.tx.Indicators()
		if err != nil {
			return err
		}
		var kb [][]storage.Button
		for _, ind := range inds {
			kb = append(kb, []storage.Button{{Text: truncate(ind.Name, 60), Data: data(actForm, "bi", ind.Code)}})
		}
		if len(kb) == 0 {
			return next("benefit", c.T("idea.no_indicators"), benefitButtons(c))
		}
		return next("b_ind", c.T("idea.ask_benefit_ind"), kb...)
	case "b_ind":
		arg, code := "", ""
		if len(pressed) > 3 {
			arg, code = pressed[:3], pressed[3:]
		}
		ind, ok, err := c.tx.Indicator(code)
		if err != nil {
			return err
		}
		if arg != "bi:" || !ok {
			return c.Reply(c.T("form.choose"))
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.BInd = code
		return next("b_amt", c.T("idea.ask_benefit_amt", ind.Name, ind.Measure))
	case "b_amt":
		if typed == "" {
			return c.Answer(c.T("form.stale"), false)
		}
		v, err := storage.ParseAmount(typed)
		if err != nil {
			return err
		}
		if v == 0 {
			return storage.Errorf(storage.EInvalid, storage.ReasonAmountValue)
		}
		st.BAmt = strconv.FormatFloat(v, 'g', -1, 64)
		return done()
	default: // b_why
		if !keep {
			why, err := storage.CheckReason(typed)
			if err != nil {
				return err
			}
			st.BWhy = why
		}
		return done()
	}
}

// draftBenefit is the form's benefit as the idea keeps it (nil: money).
func draftBenefit(st *ideaForm) *storage.Benefit {
	if st.Theme != string(storage.ThemeInfrastructure) {
		return nil
	}
	switch st.BKind {
	case "ind":
		v, _ := strconv.ParseFloat(st.BAmt, 64)
		return &storage.Benefit{Indicator: st.BInd, Amount: v}
	case "none":
		return &storage.Benefit{Why: st.BWhy}
	}
	return nil
}

// fillBenefit puts an idea's benefit into the form that edits it.
func fillBenefit(st *ideaForm, idea storage.Idea) {
	switch b := idea.Benefit; {
	case b == nil:
		st.BKind = "money"
	case b.Indicator != "":
		st.BKind, st.BInd, st.BAmt = "ind", b.Indicator, strconv.FormatFloat(b.Amount, 'g', -1, 64)
	default:
		st.BKind, st.BWhy = "none", b.Why
	}
}

// formBenefit is the benefit line of the idea form's confirm.
func formBenefit(c *Ctx, st *ideaForm) string {
	v, _ := strconv.ParseInt(st.Savings, 10, 64)
	idea := storage.Idea{Theme: storage.Theme(st.Theme), EstSavings: v, Benefit: draftBenefit(st)}
	return benefitText(c.tx, c.Lang, idea)
}

// benefitText says what an idea brings: its yearly saving, or the
// indicator it moves and by how much, or why it cannot be counted.
func benefitText(tx *storage.Tx, lang string, idea storage.Idea) string {
	b := idea.Benefit
	switch {
	case b == nil:
		return texts.T(lang, "idea.benefit_money", texts.Money(idea.EstSavings))
	case b.Indicator != "":
		name, measure := b.Indicator, ""
		if ind, ok, err := tx.Indicator(b.Indicator); err == nil && ok {
			name, measure = ind.Name, ind.Measure
		}
		return texts.T(lang, "idea.benefit_ind", name, num(lang, b.Amount), measure)
	}
	return texts.T(lang, "idea.benefit_none", b.Why)
}
