package bot

import (
	"strconv"
	"strings"

	"thiduabot/storage"
)

// formInput passes what a person typed or pressed to the form they have
// open. A button from an earlier step of the form is refused as stale.
func (b *Bot) formInput(c *Ctx, f storage.Form) error {
	switch f.Kind {
	case formJoin:
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return b.joinName(c, f)
	case formIdea:
		return b.ideaStep(c, f)
	case formReason:
		return b.reasonStep(c, f)
	case formScore:
		return b.scoreStep(c, f)
	case formProgress:
		return b.progressStep(c, f)
	case formPraise:
		return b.praiseStep(c, f)
	case formWaste:
		return b.wasteStep(c, f)
	case formOutcome:
		return b.outcomeStep(c, f)
	case formReport:
		return b.reportStep(c, f)
	case formDeadline:
		return b.deadlineStep(c, f)
	}
	// A form this version does not know: drop it rather than trap the user.
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	return c.Reply(c.T("form.stale"))
}

// RemoveButtons takes the buttons off the message whose button was pressed.
func (c *Ctx) RemoveButtons() error {
	if c.Req.MessageID == 0 || c.buttonsOff {
		return nil
	}
	c.buttonsOff = true
	_, err := c.Enqueue(storage.Message{Method: storage.MethodEditMarkup, ChatID: c.Req.ChatID, MessageID: c.Req.MessageID})
	return err
}

// cmdIdea opens the idea form: theme → title → description → estimated
// yearly savings → confirm.
func (b *Bot) cmdIdea(c *Ctx) error {
	notice := ""
	if _, ok, err := c.Form(c.Req.UserID); err != nil {
		return err
	} else if ok {
		notice = c.T("form.replaced") + "\n\n"
	}
	if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formIdea, Step: "theme", Data: map[string]string{}}); err != nil {
		return err
	}
	return c.Reply(notice+c.T("idea.ask_theme"), b.themeButtons(c.Lang, false)...)
}

func (b *Bot) themeButtons(lang string, editing bool) [][]storage.Button {
	kb := [][]storage.Button{
		{{Text: "💰 " + T(lang, "theme.thrift"), Data: "f:thrift"}},
		{{Text: "🏗 " + T(lang, "theme.infrastructure"), Data: "f:infrastructure"}},
	}
	if editing {
		kb = append(kb, keepButton(lang))
	}
	return kb
}

func keepButton(lang string) []storage.Button {
	return []storage.Button{{Text: T(lang, "btn.keep"), Data: "f:keep"}}
}

func (b *Bot) confirmButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{{Text: T(lang, "idea.send"), Data: "f:ok"}, {Text: T(lang, "idea.cancel"), Data: "f:cancel"}}}
}

// ideaStep takes one answer of the idea form. A wrong answer is refused
// with the reason and leaves the form where it was.
func (b *Bot) ideaStep(c *Ctx, f storage.Form) error {
	pressed := strings.TrimPrefix(c.Req.Data, "f:")
	typed := ""
	if c.Req.CallbackID == "" {
		if c.Req.Text == "" {
			return storage.Errorf(storage.EInvalid, "err.text_expected")
		}
		typed = c.Req.Text
	}
	editing := f.Data["edit"] != ""
	keep := editing && pressed == "keep"
	// next moves the form on and asks for the next field; editing a
	// returned idea shows the field's current value with a keep button.
	next := func(step, prompt string, kb ...[]storage.Button) error {
		f.Step = step
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		if editing && step != "confirm" {
			current := f.Data[step]
			if step == "savings" {
				v, _ := strconv.ParseInt(current, 10, 64)
				current = FormatVND(v)
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
			theme = f.Data["theme"]
		}
		if theme == "" {
			return c.Reply(c.T("form.choose"), b.themeButtons(c.Lang, editing)...)
		}
		f.Data["theme"] = theme
		return next("title", c.T("idea.ask_title", storage.MaxTitleLen))
	case "title":
		if !keep {
			if typed == "" {
				return c.Answer(c.T("form.stale"), false)
			}
			title, err := storage.CheckTitle(typed)
			if err != nil {
				return err
			}
			f.Data["title"] = title
		}
		return next("description", c.T("idea.ask_desc", storage.MaxDescriptionLen))
	case "description":
		if !keep {
			if typed == "" {
				return c.Answer(c.T("form.stale"), false)
			}
			desc, err := storage.CheckDescription(typed)
			if err != nil {
				return err
			}
			f.Data["description"] = desc
		}
		return next("savings", c.T("idea.ask_savings"))
	case "savings":
		if !keep {
			if typed == "" {
				return c.Answer(c.T("form.stale"), false)
			}
			v, err := storage.ParseVND(typed)
			if err != nil {
				return err
			}
			f.Data["savings"] = strconv.FormatInt(v, 10)
		}
		v, _ := strconv.ParseInt(f.Data["savings"], 10, 64)
		text := c.T("idea.confirm", c.T("theme."+f.Data["theme"]), f.Data["title"], f.Data["description"], FormatVND(v))
		return next("confirm", text, b.confirmButtons(c.Lang)...)
	case "confirm":
		switch pressed {
		case "ok":
			return b.submitIdea(c, f)
		case "cancel":
			return c.leaveForm()
		}
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return c.Reply(c.T("form.choose"), b.confirmButtons(c.Lang)...)
	}
	return c.Answer(c.T("form.stale"), false)
}

// submitIdea stores the idea of a finished form (or sends a returned one
// back to review) and gives the unit's heads its card to review.
func (b *Bot) submitIdea(c *Ctx, f storage.Form) error {
	savings, _ := strconv.ParseInt(f.Data["savings"], 10, 64)
	draft := storage.Idea{Theme: storage.Theme(f.Data["theme"]), Title: f.Data["title"], Description: f.Data["description"], EstSavings: savings}
	var idea storage.Idea
	var err error
	reply := "idea.saved"
	if edit := f.Data["edit"]; edit != "" {
		id, _ := strconv.ParseUint(edit, 10, 64)
		idea, err = c.ResubmitIdea(c.Me, id, draft)
		reply = "idea.resubmitted"
	} else {
		idea, err = c.SubmitIdea(c.Me, draft)
	}
	if err != nil {
		return err
	}
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	// The confirm card itself becomes the receipt: one call, no buttons left.
	if err := c.Edit(c.T(reply, idea.Ref(), idea.Title, idea.ID)); err != nil {
		return err
	}
	heads, err := c.UnitHeads(idea.Unit)
	if err != nil {
		return err
	}
	for _, h := range heads {
		if err := b.sendNewIdea(c.Tx, h, idea, c.Me.Name()); err != nil {
			return err
		}
	}
	return nil
}

// ideaListLimit is how many ideas one page of a listing shows.
const ideaListLimit = 20

// cmdIdeas lists ideas: staff see their own, heads their unit's, directors
// and admins everyone's; arguments filter by status or theme.
func (b *Bot) cmdIdeas(c *Ctx) error { return b.listIdeas(c, c.Req.Args, 0) }

// onIdeasPage shows another page of a listing, in place.
func (b *Bot) onIdeasPage(c *Ctx, data string) error {
	off, args, _ := strings.Cut(data, ":")
	offset, err := strconv.Atoi(off)
	if err != nil || offset < 0 {
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	return b.listIdeas(c, args, offset)
}

func (b *Bot) listIdeas(c *Ctx, args string, offset int) error {
	var f storage.IdeaFilter
	title := c.T("ideas.mine")
	switch {
	case c.Me.IsDirector() || c.Me.IsAdmin():
		title = c.T("ideas.all")
	case c.Me.IsHead(""):
		unit, _, err := c.Unit(c.Me.Unit)
		if err != nil {
			return err
		}
		f.Unit, title = c.Me.Unit, c.T("ideas.unit", unit.Name)
	default:
		f.Author = c.Req.UserID
	}
	args = strings.Join(strings.Fields(strings.ToLower(args)), " ")
	for _, arg := range strings.Fields(args) {
		switch {
		case arg == "mine":
			f = storage.IdeaFilter{Author: c.Req.UserID, Status: f.Status, Theme: f.Theme}
			title = c.T("ideas.mine")
		case arg == string(storage.ThemeThrift) || arg == string(storage.ThemeInfrastructure):
			f.Theme = storage.Theme(arg)
		case isStatus(arg):
			f.Status = storage.IdeaStatus(arg)
		default:
			return storage.Errorf(storage.EInvalid, "err.bad_filter", arg)
		}
	}
	ideas, total, err := c.IdeasPage(f, offset, ideaListLimit)
	if err != nil {
		return err
	}
	if total == 0 {
		return c.Reply(c.T("ideas.none"))
	}
	var text strings.Builder
	text.WriteString(c.T("ideas.title", title, total))
	if total > ideaListLimit {
		text.WriteString(c.T("ideas.page", offset+1, offset+len(ideas), total))
	}
	for _, idea := range ideas {
		text.WriteString(c.T("ideas.line", idea.ID, idea.Title, c.T("idea."+string(idea.Status))))
	}
	if f.Author == 0 {
		text.WriteString(c.T("ideas.filters"))
	}
	var row []storage.Button
	if offset > 0 {
		row = append(row, storage.Button{Text: c.T("btn.prev"), Data: "i:" + strconv.Itoa(max(0, offset-ideaListLimit)) + ":" + args})
	}
	if offset+len(ideas) < total {
		row = append(row, storage.Button{Text: c.T("btn.next"), Data: "i:" + strconv.Itoa(offset+ideaListLimit) + ":" + args})
	}
	var kb [][]storage.Button
	if len(row) > 0 {
		kb = append(kb, row)
	}
	if c.Req.CallbackID != "" {
		return c.Edit(text.String(), kb...)
	}
	return c.Reply(text.String(), kb...)
}

func isStatus(s string) bool {
	for _, st := range storage.IdeaStatuses {
		if string(st) == s {
			return true
		}
	}
	return false
}
