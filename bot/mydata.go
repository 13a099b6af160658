package bot

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"thiduabot/storage"
)

// cmdMyData sends everything stored about the person as a readable text
// document in their language, with headings: the member record, ideas with
// their history and progress, waste reports they made, praises, points,
// the form they are filling in, and the audit entries about them (Law
// 91/2025/QH15 on personal data protection).
func (b *Bot) cmdMyData(c *Ctx) error {
	doc, err := b.personalData(c.Tx, c.Lang, c.Me)
	if err != nil {
		return err
	}
	name := "du-lieu-ca-nhan-" + strconv.FormatInt(c.Req.UserID, 10) + ".txt"
	_, err = c.Enqueue(storage.Message{Method: storage.MethodSendDocument, ChatID: c.Req.ChatID, Text: c.T("mydata.caption"),
		Document: &storage.Document{Name: name, Data: []byte(doc)}})
	return err
}

// personalData writes the document /mydata sends. It is plain text, for
// any phone to open; what people typed is shown as typed.
func (b *Bot) personalData(tx *storage.Tx, lang string, m storage.Member) (string, error) {
	var d strings.Builder
	t := func(key string, args ...any) string { return plainText(T(lang, key, args...)) }
	heading := func(key string, args ...any) {
		h := t(key, args...)
		fmt.Fprintf(&d, "\n%s\n%s\n", h, strings.Repeat("=", len([]rune(h))))
	}
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&d, "%s: %s\n", t(label), value)
		}
	}
	fmt.Fprintf(&d, "%s\n%s\n", t("mydata.title", b.memberName(lang, m)), t("mydata.law", FormatTime(tx.Now(), b.loc)))

	heading("mydata.member")
	line("mydata.full_name", m.FullName)
	line("mydata.tg_name", m.TGName)
	if m.Username != "" {
		line("mydata.username", "@"+m.Username)
	}
	line("mydata.user_id", strconv.FormatInt(m.UserID, 10))
	line("mydata.role", b.roleText(tx, lang, m))
	line("mydata.status", t("mydata.status_"+string(m.Status)))
	line("mydata.lang", map[string]string{"vi": "Tiếng Việt", "en": "English"}[b.langOf(m)])
	if !m.RequestedAt.IsZero() {
		line("mydata.requested", FormatTime(m.RequestedAt, b.loc))
	}
	if !m.JoinedAt.IsZero() {
		line("mydata.joined", FormatTime(m.JoinedAt, b.loc))
	}

	ideas, _, err := tx.Ideas(storage.IdeaFilter{Author: m.UserID}, 1<<30)
	if err != nil {
		return "", err
	}
	heading("mydata.ideas", len(ideas))
	slices.Reverse(ideas) // oldest first, as a record reads
	for _, idea := range ideas {
		fmt.Fprintf(&d, "\n%s – %s\n", idea.Ref(), idea.Title)
		line("mydata.theme", t("theme."+string(idea.Theme)))
		line("mydata.idea_status", t("idea."+string(idea.Status)))
		line("mydata.estimate", FormatVND(idea.EstSavings))
		if idea.Saved > 0 || idea.Percent > 0 {
			line("mydata.progress_now", fmt.Sprintf("%d%%, %s", idea.Percent, FormatVND(idea.Saved)))
		}
		line("mydata.description", idea.Description)
		for _, e := range idea.History {
			actor, _, err := tx.Member(e.Actor)
			if err != nil {
				return "", err
			}
			if !e.Step() {
				fmt.Fprintf(&d, "  • %s\n", stripTags(T(lang, "history.duplicated_by", FormatTime(e.At, b.loc), b.memberName(lang, actor), "SK-"+strconv.FormatUint(e.Duplicate, 10))))
				continue
			}
			note := e.Note
			if e.DuplicateOf != 0 {
				note = eventNote(lang, e)
			}
			if note != "" {
				note = ": " + note
			}
			fmt.Fprintf(&d, "  • %s – %s (%s)%s\n", FormatTime(e.At, b.loc), t("idea."+string(e.Status)), b.memberName(lang, actor), note)
		}
		progress, err := tx.ProgressOf(idea.ID)
		if err != nil {
			return "", err
		}
		for _, p := range progress {
			fmt.Fprintf(&d, "  • %s\n", t("mydata.progress_line", FormatTime(p.At, b.loc), p.Percent, FormatVND(p.Saved), p.Note))
		}
	}

	wastes, err := tx.WastesBy(m.UserID)
	if err != nil {
		return "", err
	}
	heading("mydata.wastes", len(wastes))
	for _, w := range wastes {
		fmt.Fprintf(&d, "\n%s – %s (%s)\n", w.Ref(), FormatTime(w.CreatedAt, b.loc), t("waste."+string(w.Status)))
		line("mydata.description", w.Description)
		line("mydata.outcome", w.Outcome)
	}

	praises, err := tx.PraisesOf(m.UserID)
	if err != nil {
		return "", err
	}
	heading("mydata.praises", len(praises))
	for _, p := range praises {
		by, _, err := tx.Member(p.By)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&d, "• %s – %s: %s\n", FormatTime(p.At, b.loc), b.memberName(lang, by), p.Reason)
	}

	points := tx.MemberPoints(m.UserID)
	heading("mydata.points")
	var years []string
	for period := range points {
		if strings.HasPrefix(period, "Y") {
			years = append(years, period)
		}
	}
	slices.Sort(years)
	if len(years) == 0 {
		d.WriteString(t("mydata.none") + "\n")
	}
	for _, y := range years {
		fmt.Fprintf(&d, "%s\n", t("mydata.points_year", y[1:], points[y]))
	}

	heading("mydata.form")
	if f, ok, err := tx.Form(m.UserID); err != nil {
		return "", err
	} else if ok {
		// The form is named by its command; what was typed in it is shown
		// as typed.
		name := f.Kind
		if cmd, ok := formOwners[f.Kind]; ok {
			name = "/" + cmd.name
		}
		fmt.Fprintf(&d, "%s\n", t("mydata.form_open", name))
		for _, k := range slices.Sorted(maps.Keys(f.Data)) {
			if v := f.Data[k]; v != "" {
				fmt.Fprintf(&d, "  • %s\n", v)
			}
		}
	} else {
		d.WriteString(t("mydata.none") + "\n")
	}

	entries, err := tx.AuditAbout(m.UserID)
	if err != nil {
		return "", err
	}
	heading("mydata.audit", len(entries))
	for _, e := range entries {
		l, err := b.auditLine(tx, lang, e)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&d, "• %s\n", plainText(l))
	}
	fmt.Fprintf(&d, "\n%s\n", t("mydata.rights"))
	return d.String(), nil
}
