package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The similar-idea warning: before the idea form's confirm step, the ideas
// most like the one being sent (storage.SimilarIdeas), with "Vẫn nộp",
// "Xem SK-12" and "Hủy"; and the hint on the reviewers' cards.

// similarLimit is how many similar ideas the warning shows.
const similarLimit = 3

// similarFound is what the check found for a form's title and description.
type similarFound struct {
	title, desc string
	ideas       []storage.Similar
}

// readIdeaForm is the idea form's reader: the similar-idea check, when the
// answer may be the last before the confirm step (the savings, typed or
// kept), before the update's transaction.
func (o *office) readIdeaForm(tx *storage.Tx, req Request, me storage.Member, f storage.Form) (any, error) {
	if f.Kind != formIdea || f.Step != "savings" {
		return nil, nil
	}
	return similarTo(tx, formState[ideaForm](f))
}

func similarTo(tx *storage.Tx, st ideaForm) (similarFound, error) {
	exclude, _ := strconv.ParseUint(st.Edit, 10, 64) // an idea edited is not like itself
	sim, err := tx.SimilarIdeas(st.Title, st.Description, exclude, similarLimit)
	return similarFound{title: st.Title, desc: st.Description, ideas: sim}, err
}

// similarIdeas are the ideas like the form's, as read before the update's
// transaction or now.
func similarIdeas(c *Ctx, st *ideaForm) ([]storage.Similar, error) {
	found, ok := c.looked.(similarFound)
	if !ok || found.title != st.Title || found.desc != st.Description {
		var err error
		if found, err = similarTo(c.tx, *st); err != nil {
			return nil, err
		}
	}
	return found.ideas, nil
}

// similarWarning is the warning and its buttons: an idea the author may
// open is shown with its status and the start of its description, and a
// button to open it; another's by its title only.
func similarWarning(c *Ctx, ideas []storage.Idea) (string, [][]storage.Button) {
	var text strings.Builder
	text.WriteString(c.T("similar.title"))
	var views []storage.Button
	for _, idea := range ideas {
		if !c.Me.CanSee(idea) {
			text.WriteString(c.T("similar.line_title", idea.Ref(), idea.Title))
			continue
		}
		text.WriteString(c.T("similar.line", idea.Ref(), idea.Title, c.T("idea."+string(idea.Status)), truncate(idea.Description, 160)))
		views = append(views, storage.Button{Text: c.T("btn.view", idea.Ref()), Data: data(actForm, "view", strconv.FormatUint(idea.ID, 10))})
	}
	text.WriteString(c.T("similar.ask"))
	kb := [][]storage.Button{{{Text: c.T("btn.send_anyway"), Data: data(actForm, "go")}}}
	if len(views) > 0 {
		kb = append(kb, views)
	}
	return text.String(), append(kb, []storage.Button{{Text: c.T("idea.cancel"), Data: data(actForm, "cancel")}})
}

// formIDs reads the ids a form keeps as "12,40".
func formIDs(s string) []uint64 {
	var out []uint64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseUint(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// similarStep answers the warning: send anyway (on to the confirm step),
// open one of the ideas (the warning stays), or leave.
func similarStep(c *Ctx, st *ideaForm, next func(step, prompt string, kb ...[]storage.Button) error) error {
	pressed := formAnswer(c)
	ids := formIDs(st.Similar)
	switch {
	case pressed == "go":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return next("confirm", confirmText(c, st), ideaConfirmButtons(c.Lang)...)
	case pressed == "cancel":
		return c.leaveForm()
	case strings.HasPrefix(pressed, "view:"):
		id, _ := strconv.ParseUint(strings.TrimPrefix(pressed, "view:"), 10, 64)
		for _, s := range ids {
			if s == id {
				return openIdea(c, strconv.FormatUint(id, 10))
			}
		}
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	var ideas []storage.Idea
	for _, id := range ids {
		idea, err := c.tx.Idea(id)
		if err != nil {
			return err
		}
		ideas = append(ideas, idea)
	}
	text, kb := similarWarning(c, ideas)
	return c.Reply(c.T("form.choose")+"\n\n"+text, kb...)
}

// similarHint is the line on an idea's card that tells its reviewers (the
// unit's heads, the directors) which ideas it may duplicate.
func similarHint(lang string, viewer storage.Member, idea storage.Idea) string {
	if len(idea.Similar) == 0 || !(viewer.IsHead(idea.Unit) || viewer.IsDirector()) {
		return ""
	}
	refs, links := make([]string, len(idea.Similar)), make([]string, len(idea.Similar))
	for i, id := range idea.Similar {
		refs[i], links[i] = storage.IdeaRef(id), storage.KindIdea.Link(id)
	}
	return texts.T(lang, "idea.similar_hint", strings.Join(refs, ", "), strings.Join(links, " "))
}
