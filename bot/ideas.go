package bot

import (
	"strconv"
	"strings"
	"thiduabot/storage"
)

// ideaListLimit is how many ideas one page of a listing shows.
const ideaListLimit = 20

// cmdIdeas lists ideas: staff see their own, heads their unit's, directors
// and admins everyone's; arguments filter by status or theme.
func (b *Bot) cmdIdeas(c *Ctx) error { return b.listIdeas(c, c.Req.Args, 0) }

// onIdeasPage shows another page of a listing, in place.
func (b *Bot) onIdeasPage(c *Ctx, arg string) error {
	if !c.Me.Active() {
		return storage.Errorf(storage.EForbidden, reasonNotMember)
	}
	off, args, _ := strings.Cut(arg, ":")
	offset, err := strconv.Atoi(off)
	if err != nil || offset < 0 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
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
	mine := false
	for _, arg := range strings.Fields(strings.ToLower(args)) {
		switch {
		case arg == "mine":
			mine = true
			f = storage.IdeaFilter{Author: c.Req.UserID, Status: f.Status, Theme: f.Theme}
			title = c.T("ideas.mine")
		case arg == string(storage.ThemeThrift) || arg == string(storage.ThemeInfrastructure):
			f.Theme = storage.Theme(arg)
		case isStatus(arg):
			f.Status = storage.IdeaStatus(arg)
		default:
			return storage.Errorf(storage.EInvalid, reasonFilterUnknown, arg)
		}
	}
	// The pages' buttons carry the filter written once, however it was
	// typed, so their data stays within Telegram's 64 bytes.
	var words []string
	for _, w := range []string{map[bool]string{true: "mine"}[mine], string(f.Theme), string(f.Status)} {
		if w != "" {
			words = append(words, w)
		}
	}
	args = strings.Join(words, " ")
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
		row = append(row, storage.Button{Text: c.T("btn.prev"), Data: data(actIdeasPage, strconv.Itoa(max(0, offset-ideaListLimit)), args)})
	}
	if offset+len(ideas) < total {
		row = append(row, storage.Button{Text: c.T("btn.next"), Data: data(actIdeasPage, strconv.Itoa(offset+ideaListLimit), args)})
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

// openIdea shows an idea's card (/sk_42), history and the buttons the
// viewer may use.
func (b *Bot) openIdea(c *Ctx, id string) error {
	idea, err := c.Idea(recordID(id))
	if err != nil {
		return err
	}
	if !c.Me.CanSee(idea) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	text, err := b.ideaText(c.Tx, c.Lang, idea, true)
	if err != nil {
		return err
	}
	return b.post(c.Tx, storage.Message{ChatID: c.Req.ChatID, Text: text, Keyboard: ideaButtons(c.Lang, c.Me, idea), Tag: ideaTag(idea.ID)})
}
