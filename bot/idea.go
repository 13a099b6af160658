package bot

import (
	"html"
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
	}
	// A form this version does not know: drop it rather than trap the user.
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	return c.Reply(c.T("form.stale"))
}

// RemoveButtons takes the buttons off the message whose button was pressed.
func (c *Ctx) RemoveButtons() error {
	if c.Req.MessageID == 0 {
		return nil
	}
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
	return c.Reply(notice+c.T("idea.ask_theme"), b.themeButtons(c.Lang)...)
}

func (b *Bot) themeButtons(lang string) [][]storage.Button {
	return [][]storage.Button{
		{{Text: "💰 " + T(lang, "theme.thrift"), Data: "f:thrift"}},
		{{Text: "🏗 " + T(lang, "theme.infrastructure"), Data: "f:infrastructure"}},
	}
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
	next := func(step, prompt string, kb ...[]storage.Button) error {
		f.Step = step
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(prompt, kb...)
	}
	switch f.Step {
	case "theme":
		theme := map[string]string{"thrift": "thrift", "infrastructure": "infrastructure", "1": "thrift", "2": "infrastructure"}[pressed+strings.TrimSpace(typed)]
		if theme == "" {
			return c.Reply(c.T("form.choose"), b.themeButtons(c.Lang)...)
		}
		f.Data["theme"] = theme
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return next("title", c.T("idea.ask_title", storage.MaxTitleLen))
	case "title":
		if typed == "" {
			return c.Answer(c.T("form.stale"), false)
		}
		title, err := storage.CheckTitle(typed)
		if err != nil {
			return err
		}
		f.Data["title"] = title
		return next("description", c.T("idea.ask_desc", storage.MaxDescriptionLen))
	case "description":
		if typed == "" {
			return c.Answer(c.T("form.stale"), false)
		}
		desc, err := storage.CheckDescription(typed)
		if err != nil {
			return err
		}
		f.Data["description"] = desc
		return next("savings", c.T("idea.ask_savings"))
	case "savings":
		if typed == "" {
			return c.Answer(c.T("form.stale"), false)
		}
		v, err := storage.ParseVND(typed)
		if err != nil {
			return err
		}
		f.Data["savings"] = strconv.FormatInt(v, 10)
		text := c.T("idea.confirm", c.T("theme."+f.Data["theme"]), f.Data["title"], f.Data["description"], FormatVND(v))
		return next("confirm", text, b.confirmButtons(c.Lang)...)
	case "confirm":
		switch pressed {
		case "ok":
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return b.submitIdea(c, f)
		case "cancel":
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			if err := c.ClearForm(c.Req.UserID); err != nil {
				return err
			}
			return c.Reply(c.T("cancel.done"))
		}
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return c.Reply(c.T("form.choose"), b.confirmButtons(c.Lang)...)
	}
	return c.Answer(c.T("form.stale"), false)
}

// submitIdea stores the idea of a finished form and tells the unit's heads.
func (b *Bot) submitIdea(c *Ctx, f storage.Form) error {
	savings, _ := strconv.ParseInt(f.Data["savings"], 10, 64)
	idea, err := c.SubmitIdea(c.Me, storage.Idea{
		Theme: storage.Theme(f.Data["theme"]), Title: f.Data["title"], Description: f.Data["description"], EstSavings: savings,
	})
	if err != nil {
		return err
	}
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	if err := c.Reply(c.T("idea.saved", idea.Ref(), idea.Title, idea.ID)); err != nil {
		return err
	}
	heads, err := c.UnitHeads(idea.Unit)
	if err != nil {
		return err
	}
	unit, _, err := c.Unit(idea.Unit)
	if err != nil {
		return err
	}
	for _, h := range heads {
		if h.UserID == idea.Author {
			continue
		}
		text := T(b.langOf(h), "idea.new_for_head", idea.Ref(), c.Me.Name(), unit.Name, idea.Title, FormatVND(idea.EstSavings), idea.ID)
		if err := b.send(c.Tx, h.UserID, text, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// ideaListLimit bounds one listing; filters narrow it.
const ideaListLimit = 30

// cmdIdeas lists ideas: staff see their own, heads their unit's, directors
// and admins everyone's; an argument filters by status or theme.
func (b *Bot) cmdIdeas(c *Ctx) error {
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
	for _, arg := range strings.Fields(strings.ToLower(c.Req.Args)) {
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
	ideas, total, err := c.Ideas(f, ideaListLimit)
	if err != nil {
		return err
	}
	if total == 0 {
		return c.Reply(c.T("ideas.none"))
	}
	var text strings.Builder
	text.WriteString(c.T("ideas.title", title, total))
	for _, idea := range ideas {
		text.WriteString(c.T("ideas.line", idea.ID, idea.Title, c.T("idea."+string(idea.Status))))
	}
	if total > len(ideas) {
		text.WriteString(c.T("ideas.more", total-len(ideas)))
	}
	if f.Author == 0 {
		text.WriteString(c.T("ideas.filters"))
	}
	return c.Reply(text.String())
}

func isStatus(s string) bool {
	for _, st := range storage.IdeaStatuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

// showIdea shows an idea's card and history to those who may see it.
func (b *Bot) showIdea(c *Ctx, id uint64) error {
	idea, err := c.Idea(id)
	if err != nil {
		return err
	}
	if !c.Me.CanSee(idea) {
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	author, _, err := c.Member(idea.Author)
	if err != nil {
		return err
	}
	unit, _, err := c.Unit(idea.Unit)
	if err != nil {
		return err
	}
	var hist strings.Builder
	hist.WriteString(c.T("idea.history"))
	for _, e := range idea.History {
		actor, _, err := c.Member(e.Actor)
		if err != nil {
			return err
		}
		hist.WriteString(c.T("idea.history_line", FormatTime(e.At, b.loc), c.T("idea."+string(e.Status)), actor.Name()))
		if e.Note != "" {
			hist.WriteString(": " + html.EscapeString(e.Note))
		}
	}
	text := c.T("idea.card", idea.Ref(), idea.Title, author.Name(), unit.Name, c.T("theme."+string(idea.Theme)),
		c.T("idea."+string(idea.Status)), FormatVND(idea.EstSavings), FormatTime(idea.CreatedAt, b.loc), idea.Description) + hist.String()
	return c.Reply(text)
}
