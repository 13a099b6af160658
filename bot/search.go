package bot

import (
	"strconv"
	"strings"

	"thiduabot/storage"
)

// /tim: search the ideas one may see, by words typed with or without
// diacritics, best first (storage.SearchIdeas).

// formSearch asks for the words when /tim is sent alone (as the menu does).
const formSearch = "search"

// searchPage is how many ideas a page of results lists.
const searchPage = 10

// searchWordsBudget is how many bytes of words a page button carries
// (Telegram's 64, less "q:", an offset and a colon): a search keeps only
// the words that fit, so that every page is of the same search.
const searchWordsBudget = maxButtonData - len("q:999999:")

// results is a page of a search, read before the update's transaction
// (readSearch) or in it.
type results struct {
	text   string // what was searched for, as typed
	q      storage.Query
	offset int
	ideas  []storage.Idea
	total  int
}

// searchQuery is the query a text makes: at most MaxQueryWords words, and
// only those a page button can carry.
func searchQuery(text string) storage.Query {
	q := storage.ParseQuery(text)
	for len(q.Words) > 0 && len(strings.Join(q.Words, " ")) > searchWordsBudget {
		q.Words, q.Dropped = q.Words[:len(q.Words)-1], q.Dropped+1
	}
	return q
}

// searchAsked is what an update searches for, from which result on; ok is
// false for an update that searches nothing.
func searchAsked(req Request, f storage.Form) (text string, offset int, ok bool) {
	switch {
	case commandsByName[req.Command] != nil && commandsByName[req.Command].searches:
		return req.Args, 0, strings.TrimSpace(req.Args) != ""
	case req.CallbackID != "":
		action, rest := parseData(req.Data)
		off, words, _ := strings.Cut(rest, ":")
		n, err := strconv.Atoi(off)
		return words, n, action == actSearchPage && err == nil && n >= 0 && n < 1<<20
	case f.Kind == formSearch:
		return req.Text, 0, true
	}
	return "", 0, false
}

// search runs a search for me; a query with nothing to look for reads
// nothing.
func search(tx *storage.Tx, me storage.Member, text string, offset int) (results, error) {
	r := results{text: text, q: searchQuery(text), offset: offset}
	if r.q.TooShort() {
		return r, nil
	}
	var err error
	r.ideas, r.total, err = tx.SearchIdeas(me, r.q, offset, searchPage)
	return r, err
}

// readSearch is /tim's reader: the search, before the update's transaction.
func (o *office) readSearch(tx *storage.Tx, req Request, me storage.Member, f storage.Form) (any, error) {
	text, offset, ok := searchAsked(req, f)
	if !ok {
		return nil, nil
	}
	return search(tx, me, text, offset)
}

// cmdSearch searches for the words given, or asks for them.
func cmdSearch(c *Ctx) error {
	if strings.TrimSpace(c.Req.Args) == "" {
		if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formSearch, Step: "words"}); err != nil {
			return err
		}
		return c.Reply(c.T("search.ask"))
	}
	return showResults(c, c.Req.Args, 0)
}

// searchStep takes the words asked for.
func searchStep(c *Ctx, f storage.Form) error {
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Text == "" {
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	return showResults(c, c.Req.Text, 0)
}

// onSearchPage shows another page of results, in place.
func onSearchPage(c *Ctx, rest string) error {
	words, offset, ok := searchAsked(c.Req, storage.Form{})
	if !ok {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	return showResults(c, words, offset)
}

// showResults answers a search: what was found, or why nothing was
// looked for.
func showResults(c *Ctx, text string, offset int) error {
	r, ok := c.looked.(results)
	if !ok || r.text != text || r.offset != offset {
		var err error
		if r, err = search(c.tx, c.Me, text, offset); err != nil {
			return err
		}
	}
	shown := truncate(strings.Join(strings.Fields(text), " "), 100)
	switch {
	case len(r.q.Words) == 0:
		return c.Reply(c.T("search.no_words", shown))
	case r.q.TooShort():
		return c.Reply(c.T("search.short", shown))
	}
	var out strings.Builder
	out.WriteString(c.T("search.title", shown, r.total))
	switch {
	case c.Me.IsDirector() || c.Me.IsAdmin():
	case c.Me.IsHead(c.Me.Unit):
		unit, _, err := c.tx.Unit(c.Me.Unit)
		if err != nil {
			return err
		}
		out.WriteString(c.T("search.scope_unit", unit.Name))
	default:
		out.WriteString(c.T("search.scope_own"))
	}
	if r.q.Dropped > 0 {
		out.WriteString(c.T("search.dropped", strings.Join(r.q.Words, " "), r.q.Dropped))
	}
	if r.total == 0 {
		out.WriteString(c.T("search.none"))
	}
	if r.total > searchPage {
		out.WriteString(c.T("ideas.page", r.offset+1, r.offset+len(r.ideas), r.total))
	}
	for _, idea := range r.ideas {
		if !c.Me.CanSee(idea) { // (the index's view of CanSee, checked again)
			continue
		}
		out.WriteString(c.T("ideas.line", idea.ID, idea.Title, c.T("idea."+string(idea.Status))))
	}
	words := strings.Join(r.q.Words, " ")
	var row []storage.Button
	if r.offset > 0 {
		row = append(row, storage.Button{Text: c.T("btn.prev"), Data: data(actSearchPage, strconv.Itoa(max(0, r.offset-searchPage)), words)})
	}
	if r.offset+len(r.ideas) < r.total {
		row = append(row, storage.Button{Text: c.T("btn.next"), Data: data(actSearchPage, strconv.Itoa(r.offset+searchPage), words)})
	}
	var kb [][]storage.Button
	if len(row) > 0 {
		kb = append(kb, row)
	}
	if c.Req.CallbackID != "" {
		return c.Edit(out.String(), kb...)
	}
	return c.Reply(out.String(), kb...)
}
