package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// formIdea is the idea form: theme → title → description → savings → confirm.
const formIdea = "idea"

// cmdIdea opens the idea form: theme → title → description → estimated
// yearly savings → confirm.
func cmdIdea(c *Ctx) error {
	notice := ""
	if _, ok, err := c.form(); err != nil {
		return err
	} else if ok {
		notice = c.T("form.replaced") + "\n\n"
	}
	if err := c.saveForm(formIdea, "theme", ideaForm{}); err != nil {
		return err
	}
	return c.Reply(notice+c.T("idea.ask_theme"), c.bot.themeButtons(c.Lang, false)...)
}

func (o *office) themeButtons(lang string, editing bool) [][]storage.Button {
	kb := [][]storage.Button{
		{{Text: "💰 " + texts.T(lang, "theme.thrift"), Data: data(actForm, "thrift")}},
		{{Text: "🏗 " + texts.T(lang, "theme.infrastructure"), Data: data(actForm, "infrastructure")}},
	}
	if editing {
		kb = append(kb, keepButton(lang))
	}
	return kb
}

// ideaForm is what the idea form holds: the idea returned and edited (its
// id; none for a new one), the fields as typed (the savings in whole
// dong), the similar ideas warned of ("12,40"), the benefit of an
// infrastructure idea (its kind "ind", "money" or "none", the indicator and
// the amount, or why it cannot be counted), and whether a field is being
// corrected from the confirm step.
type ideaForm struct {
	Edit        string `json:"edit,omitempty"`
	Theme       string `json:"theme,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Savings     string `json:"savings,omitempty"`
	Similar     string `json:"similar,omitempty"`
	BKind       string `json:"b_kind,omitempty"`
	BInd        string `json:"b_ind,omitempty"`
	BAmt        string `json:"b_amt,omitempty"`
	BWhy        string `json:"b_why,omitempty"`
	Fixing      string `json:"fixing,omitempty"`
}

// field is the value of one of the fields the form asks again when a
// returned idea is edited or a field corrected.
func (st *ideaForm) field(name string) string {
	switch name {
	case "theme":
		return st.Theme
	case "title":
		return st.Title
	case "description":
		return st.Description
	case "savings":
		return st.Savings
	}
	return ""
}

// ideaStep takes one answer of the idea form. A wrong answer is refused
// with the reason and leaves the form where it was.
func ideaStep(c *Ctx, f storage.Form) error {
	s := formState[ideaForm](f)
	st := &s
	pressed := formAnswer(c)
	typed := ""
	if c.Req.CallbackID == "" {
		if c.Req.Text == "" {
			return storage.Errorf(storage.EInvalid, reasonTextExpected)
		}
		typed = c.Req.Text
	}
	editing := st.Edit != ""
	keep := editing && pressed == "keep"
	// next moves the form on and asks for the next field; editing a
	// returned idea shows the field's current value with a keep button.
	next := func(step, prompt string, kb ...[]storage.Button) error {
		if st.Fixing != "" && step != "similar" {
			// A field corrected from the confirm step: back to it.
			st.Fixing = ""
			step, prompt, kb = "confirm", confirmText(c, st), ideaConfirmButtons(c.Lang)
		}
		f.Step = step
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		if editing && step != "confirm" && step != "similar" {
			current := st.field(step)
			if step == "savings" {
				v, _ := strconv.ParseInt(current, 10, 64)
				current = texts.FormatVND(c.Lang, v)
			}
			prompt += c.T("edit.current", truncate(current, 300))
			kb = append(kb, keepButton(c.Lang))
		}
		return c.Reply(prompt, kb...)
	}
	if c.Req.CallbackID != "" && (pressed == "keep" || f.Step == "theme") {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	}
	switch f.Step {
	case "theme":
		theme := map[string]string{"thrift": "thrift", "infrastructure": "infrastructure", "1": "thrift", "2": "infrastructure"}[pressed+strings.TrimSpace(typed)]
		if keep {
			theme = st.Theme
		}
		if theme == "" {
			return c.Reply(c.T("form.choose"), c.bot.themeButtons(c.Lang, editing)...)
		}
		st.Theme = theme
		return next("title", c.T("idea.ask_title", texts.Count(storage.MaxTitleLen)))
	case "title":
		if !keep {
			if typed == "" {
				return c.Answer(c.T("form.stale"), false)
			}
			title, err := storage.CheckTitle(typed)
			if err != nil {
				return err
			}
			st.Title = title
		}
		return next("description", c.T("idea.ask_desc", texts.Count(storage.MaxDescriptionLen)))
	case "description":
		if !keep {
			if typed == "" {
				return c.Answer(c.T("form.stale"), false)
			}
			desc, err := storage.CheckDescription(typed)
			if err != nil {
				return err
			}
			st.Description = desc
		}
		if st.Theme == string(storage.ThemeInfrastructure) {
			return next("benefit", c.T("idea.ask_benefit"), benefitButtons(c))
		}
		return next("savings", c.T("idea.ask_savings"))
	case "benefit", "b_ind", "b_amt", "b_why":
		return benefitStep(c, f, st, pressed, typed, keep, next, func() error { return afterSavings(c, st, next) })
	case "savings":
		if !keep {
			if typed == "" {
				return c.Answer(c.T("form.stale"), false)
			}
			v, err := storage.ParseVND(typed)
			if err != nil {
				return err
			}
			st.Savings = strconv.FormatInt(v, 10)
		}
		return afterSavings(c, st, next)
	case "similar":
		return similarStep(c, st, next)
	case "confirm":
		switch pressed {
		case "ok":
			return submitIdea(c, st)
		case "cancel":
			return c.leaveForm()
		case "fix":
			// One field corrected, without the four steps again.
			f.Step = "fix"
			if err := c.saveForm(f.Kind, f.Step, st); err != nil {
				return err
			}
			return c.Edit(confirmText(c, st)+c.T("idea.fix_which"), ideaFieldButtons(c.Lang)...)
		}
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return c.Reply(c.T("form.choose"), ideaConfirmButtons(c.Lang)...)
	case "fix":
		return ideaFixStep(c, f, st, pressed)
	}
	return c.Answer(c.T("form.stale"), false)
}

// afterSavings warns of similar ideas, or asks for the confirm.
func afterSavings(c *Ctx, st *ideaForm, next func(step, prompt string, kb ...[]storage.Button) error) error {
	{
		similar, err := similarIdeas(c, st)
		if err != nil {
			return err
		}
		st.Similar = ""
		if len(similar) > 0 {
			var ids []string
			var ideas []storage.Idea
			for _, s := range similar {
				ids, ideas = append(ids, strconv.FormatUint(s.Idea.ID, 10)), append(ideas, s.Idea)
			}
			st.Similar = strings.Join(ids, ",")
			text, kb := similarWarning(c, ideas)
			return next("similar", text, kb...)
		}
		return next("confirm", confirmText(c, st), ideaConfirmButtons(c.Lang)...)
	}
}

// confirmText is the idea form's last question: the idea as it will be sent.
func confirmText(c *Ctx, st *ideaForm) string {
	return c.T("idea.confirm", c.T("theme."+st.Theme), st.Title, st.Description, texts.HTML(formBenefit(c, st)))
}

// submitIdea stores the idea of a finished form (or sends a returned one
// back to review) and gives the unit's heads its card to review.
func submitIdea(c *Ctx, st *ideaForm) error {
	savings, _ := strconv.ParseInt(st.Savings, 10, 64)
	draft := storage.Idea{Theme: storage.Theme(st.Theme), Title: st.Title, Description: st.Description, EstSavings: savings,
		Similar: formIDs(st.Similar), Benefit: draftBenefit(st)}
	var idea storage.Idea
	var err error
	reply := "idea.saved"
	if edit := st.Edit; edit != "" {
		id, _ := strconv.ParseUint(edit, 10, 64)
		idea, err = c.tx.ResubmitIdea(c.Me, id, draft)
		reply = "idea.resubmitted"
	} else {
		idea, err = c.tx.SubmitIdea(c.Me, draft)
	}
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if idea.SkipHead && reply == "idea.saved" {
		reply = "idea.saved_direct"
	}
	// The confirm card itself becomes the receipt: one call, no buttons left.
	if err := c.Edit(c.T(reply, idea.Ref(), idea.Title, idea.ID)); err != nil {
		return err
	}
	if st.Edit != "" {
		if err := refreshIdea(c, idea); err != nil {
			return err
		}
	}
	// No one reviews their own work: a head's own idea goes straight to
	// those who decide after the heads.
	if idea.SkipHead {
		unit, _, err := c.tx.Unit(idea.Unit)
		if err != nil {
			return err
		}
		return toDirectors(c, idea, "director.head_idea", unit.Name+" – "+c.Me.Name())
	}
	heads, err := c.tx.UnitHeads(idea.Unit)
	if err != nil {
		return err
	}
	for _, h := range heads {
		if h.UserID == idea.Author {
			continue
		}
		if err := c.bot.sendNewIdea(c.tx, h, idea, displayName(c.Lang, c.Me)); err != nil {
			return err
		}
	}
	return nil
}

// onEditButton opens the idea form, filled in, for the author of a
// returned idea to change and send again.
func onEditButton(c *Ctx, arg string) error {
	idea, err := ownIdea(c, arg)
	if err != nil {
		return err
	}
	if err := c.Me.MayResubmit(idea); err != nil {
		return err
	}
	st := &ideaForm{Edit: arg, Theme: string(idea.Theme), Title: idea.Title, Description: idea.Description,
		Savings: strconv.FormatInt(idea.EstSavings, 10)}
	fillBenefit(st, idea)
	if err := c.saveForm(formIdea, "theme", st); err != nil {
		return err
	}
	return c.Reply(c.T("edit.intro", idea.Ref())+"\n\n"+c.T("idea.ask_theme"), c.bot.themeButtons(c.Lang, true)...)
}
