package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// ideaListLimit is how many ideas one page of a listing shows.
const ideaListLimit = 20

// cmdIdeas lists ideas: staff see their own, heads their unit's, directors
// and admins everyone's; arguments filter by status or theme.
func cmdIdeas(c *Ctx) error { return listIdeas(c, c.Req.Args, 0) }

// onIdeasPage shows another page of a listing, in place.
func onIdeasPage(c *Ctx, arg string) error {
	if !c.Me.Active() {
		return storage.Errorf(storage.EForbidden, reasonNotMember)
	}
	off, args, _ := strings.Cut(arg, ":")
	offset, err := strconv.Atoi(off)
	if err != nil || offset < 0 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	return listIdeas(c, args, offset)
}

// ideaView is what a listing shows: whose ideas, and the filter.
type ideaView struct {
	filter storage.IdeaFilter
	mine   bool   // only the asker's own, though they may see more
	title  string // the listing's heading
	wide   bool   // the asker sees every unit's ideas
}

// ideaView reads a listing's filter from what was typed — the words the bot
// shows (được công nhận, hạ tầng, a unit's code or short name), with or
// without diacritics, or the codes a button carries — and who asks.
// unknown is the first word it does not know ("" when it knows them all).
func readIdeaView(c *Ctx, args string) (v ideaView, unknown string, err error) {
	v.title = c.T("ideas.mine")
	switch {
	case c.Me.IsDirector() || c.Me.IsAdmin():
		v.title, v.wide = c.T("ideas.all"), true
	case c.Me.IsHead(""):
		unit, _, err := c.tx.Unit(c.Me.Unit)
		if err != nil {
			return v, "", err
		}
		v.filter.Unit, v.title = c.Me.Unit, c.T("ideas.unit", unit.Name)
	default:
		v.filter.Author = c.Req.UserID
	}
	words := map[string]func(){}
	add := func(set func(), names ...string) {
		for _, n := range names {
			words[storage.Fold(n)] = set
		}
	}
	add(func() { v.mine = true }, "mine", "của tôi", "cua toi", "tôi")
	for _, st := range storage.IdeaStatuses {
		st := st
		add(func() { v.filter.Status = st }, string(st), texts.T("vi", "idea."+string(st)), texts.T("en", "idea."+string(st)))
	}
	for _, th := range []storage.Theme{storage.ThemeThrift, storage.ThemeInfrastructure} {
		th := th
		add(func() { v.filter.Theme = th }, string(th), texts.T("vi", "theme."+string(th)), texts.T("en", "theme."+string(th)),
			texts.T("vi", "theme_short."+string(th)), texts.T("en", "theme_short."+string(th)))
	}
	if v.wide {
		units, err := c.tx.Units()
		if err != nil {
			return v, "", err
		}
		for _, u := range units {
			u := u
			add(func() { v.filter.Unit = u.Code }, u.Code, u.Name, c.bot.shortName(u))
		}
	}
	// The longest known phrase first, word by word.
	rest := strings.Fields(storage.Fold(args))
	typed := strings.Fields(strings.ReplaceAll(args, "_", " ")) // as typed, word for word
	for len(rest) > 0 {
		matched := 0
		for n := len(rest); n > 0; n-- {
			if set, ok := words[strings.Join(rest[:n], " ")]; ok {
				set()
				matched = n
				break
			}
		}
		if matched == 0 {
			word := rest[0]
			if n := len(typed) - len(rest); n >= 0 && n < len(typed) {
				word = typed[n]
			}
			return v, word, nil
		}
		rest = rest[matched:]
	}
	if v.mine {
		v.filter = storage.IdeaFilter{Author: c.Req.UserID, Status: v.filter.Status, Theme: v.filter.Theme}
		v.title = c.T("ideas.mine")
	}
	return v, "", nil
}

// data is the filter as a button carries it: codes only, each once, so it
// stays within Telegram's 64 bytes however it was typed.
func (v ideaView) data(offset int) string {
	var words []string
	for _, w := range []string{map[bool]string{true: "mine"}[v.mine], string(v.filter.Theme), string(v.filter.Status)} {
		if w != "" {
			words = append(words, w)
		}
	}
	if v.wide && !v.mine && v.filter.Unit != "" {
		words = append(words, v.filter.Unit)
	}
	return data(actIdeasPage, strconv.Itoa(offset), strings.Join(words, " "))
}

// with is the view with one part of its filter changed, from the first page.
func (v ideaView) with(change func(*ideaView)) string {
	change(&v)
	return v.data(0)
}

func listIdeas(c *Ctx, args string, offset int) error {
	v, unknown, err := readIdeaView(c, args)
	if err != nil {
		return err
	}
	if unknown != "" {
		if c.Req.CallbackID != "" { // buttons carry only codes the bot knows
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		// An unknown word is answered with the filters as buttons.
		v, _, err := readIdeaView(c, "")
		if err != nil {
			return err
		}
		return c.Reply(c.T("err.bad_filter", unknown), filterButtons(c, v)...)
	}
	ideas, total, err := c.tx.IdeasPage(v.filter, offset, ideaListLimit)
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("ideas.title", v.title, total))
	if label := filterLabel(c, v); label != "" {
		text.WriteString(c.T("ideas.filtered", label))
	}
	if total == 0 {
		text.WriteString(c.T("ideas.none"))
	}
	if total > ideaListLimit {
		text.WriteString(c.T("ideas.page", offset+1, offset+len(ideas), total))
	}
	for _, idea := range ideas {
		text.WriteString(c.T("ideas.line", idea.ID, idea.Title, c.T("idea."+string(idea.Status))))
	}
	kb := filterButtons(c, v)
	var row []storage.Button
	if offset > 0 {
		row = append(row, storage.Button{Text: c.T("btn.prev"), Data: v.data(max(0, offset-ideaListLimit))})
	}
	if offset+len(ideas) < total {
		row = append(row, storage.Button{Text: c.T("btn.next"), Data: v.data(offset + ideaListLimit)})
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	if c.Req.CallbackID != "" {
		return c.Edit(text.String(), kb...)
	}
	return c.Reply(text.String(), kb...)
}

// filterLabel names the filter in force, in words: "được công nhận, hạ tầng".
func filterLabel(c *Ctx, v ideaView) string {
	var parts []string
	if v.filter.Status != "" {
		parts = append(parts, c.T("idea."+string(v.filter.Status)))
	}
	if v.filter.Theme != "" {
		parts = append(parts, c.T("theme_short."+string(v.filter.Theme)))
	}
	if v.wide && !v.mine && v.filter.Unit != "" {
		if u, ok, _ := c.tx.Unit(v.filter.Unit); ok {
			parts = append(parts, c.bot.shortName(u))
		}
	}
	return strings.Join(parts, ", ")
}

// filterButtons offers the filters: by status, by theme, and by unit for
// those who see every unit's ideas; the one in force is marked, and a
// second press on it takes it off.
func filterButtons(c *Ctx, v ideaView) [][]storage.Button {
	mark := func(on bool, text string) string {
		if on {
			return "• " + text
		}
		return text
	}
	var kb [][]storage.Button
	var row []storage.Button
	for _, st := range storage.IdeaStatuses {
		st, on := st, v.filter.Status == st
		row = append(row, storage.Button{Text: mark(on, c.T("idea."+string(st))), Data: v.with(func(v *ideaView) {
			v.filter.Status = map[bool]storage.IdeaStatus{false: st}[on]
		})})
		if len(row) == 3 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb, row = append(kb, row), nil
	}
	for _, th := range []storage.Theme{storage.ThemeThrift, storage.ThemeInfrastructure} {
		th, on := th, v.filter.Theme == th
		row = append(row, storage.Button{Text: mark(on, c.T("theme_short."+string(th))), Data: v.with(func(v *ideaView) {
			v.filter.Theme = map[bool]storage.Theme{false: th}[on]
		})})
	}
	kb, row = append(kb, row), nil
	if v.wide && !v.mine {
		units, _ := c.tx.Units()
		for _, u := range units {
			u, on := u, v.filter.Unit == u.Code
			row = append(row, storage.Button{Text: mark(on, c.bot.shortName(u)), Data: v.with(func(v *ideaView) {
				v.filter.Unit = map[bool]string{false: u.Code}[on]
			})})
			if len(row) == 4 {
				kb, row = append(kb, row), nil
			}
		}
		if len(row) > 0 {
			kb = append(kb, row)
		}
	}
	return kb
}

// openIdea shows an idea's card (/sk_42), history and the buttons the
// viewer may use.
func openIdea(c *Ctx, id string) error {
	idea, err := c.tx.Idea(recordID(id))
	if err != nil {
		return err
	}
	if !c.Me.CanSee(idea) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	text, err := c.bot.ideaText(c.tx, c.Lang, idea, true)
	if err != nil {
		return err
	}
	text += similarHint(c.Lang, c.Me, idea)
	return c.bot.post(c.tx, storage.Message{ChatID: c.Req.ChatID, Text: text, Keyboard: ideaButtons(c.Lang, c.Me, idea), Tag: ideaTag(idea.ID)})
}
