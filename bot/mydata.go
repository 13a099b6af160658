package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// prepareMyData makes the document of everything stored about the person
// in a read transaction of its own (a heavy command: the person is shown
// that it is being made): the member record, ideas with their history and
// progress, waste reports they made, praises, points, the form they are
// filling in, and the audit entries about them (Law 91/2025/QH15 on
// personal data protection).
func (o *office) prepareMyData(tx *storage.Tx, req Request, me storage.Member) ([]storage.Message, error) {
	lang := o.langOf(me)
	doc, err := o.personalData(tx, lang, me)
	if err != nil {
		return nil, err
	}
	name := "du-lieu-ca-nhan-" + strconv.FormatInt(req.UserID, 10) + ".txt"
	return []storage.Message{{Method: storage.MethodSendDocument, Text: texts.T(lang, "mydata.caption"),
		Document: &storage.Document{Name: name, Data: []byte(doc)}}}, nil
}

// cmdMyData sends the document prepared for it, then the requests the
// person may make about their data, as buttons.
func cmdMyData(c *Ctx) error {
	if err := cmdPrepared(c); err != nil {
		return err
	}
	if kb := myDataButtons(c.Lang, c.Me); len(kb) > 0 {
		return c.Reply(c.T("mydata.requests"), kb)
	}
	return nil
}

// formNameFix is a member's request to correct their full name: the name,
// then a confirm.
const formNameFix = "namefix"

// myDataButtons are the requests m may make about their data: to correct
// their name, to erase their data.
func myDataButtons(lang string, m storage.Member) []storage.Button {
	var kb []storage.Button
	if m.MayAskNameCorrection() == nil {
		kb = append(kb, storage.Button{Text: texts.T(lang, "mydata.btn_name"), Data: data(actMyData, "n")})
	}
	if m.MayAskErasure() == nil {
		kb = append(kb, storage.Button{Text: texts.T(lang, "mydata.btn_erase"), Data: data(actMyData, "e")})
	}
	if m.MayAskErasure() == nil && !m.ConsentAt.IsZero() {
		kb = append(kb, storage.Button{Text: texts.T(lang, "mydata.btn_withdraw"), Data: data(actMyData, "w")})
	}
	return kb
}

// onMyDataButton starts a request about one's personal data: a correction
// of the name (a form), or an erasure, shown as a preview and sent on its
// confirm (the upper-case verb). The admins are told of either.
func onMyDataButton(c *Ctx, pressed string) error {
	switch pressed {
	case "n":
		if err := c.Me.MayAskNameCorrection(); err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		if err := c.saveForm(formNameFix, "name", nameFixForm{}); err != nil {
			return err
		}
		return c.Reply(c.T("mydata.ask_name", c.Me.FullName))
	case "e":
		if err := c.Me.MayAskErasure(); err != nil {
			return err
		}
		return c.Edit(c.T("mydata.confirm_erase"), []storage.Button{
			{Text: c.T("btn.confirm"), Data: data(actMyData, "E")},
			{Text: c.T("idea.cancel"), Data: data(actMyData, "c")},
		})
	case "E":
		m, err := c.tx.AskErasure(c.Req.UserID)
		if err != nil {
			return err
		}
		if err := toAdmins(c, m, "mydata.admins_erase"); err != nil {
			return err
		}
		return c.Edit(c.T("mydata.erase_sent"))
	case "w":
		// Withdrawing the consent is final: shown first with what it does.
		if err := c.Me.MayAskErasure(); err != nil {
			return err
		}
		return c.Edit(c.T("mydata.confirm_withdraw"), []storage.Button{
			{Text: c.T("idea.cancel"), Data: data(actMyData, "c")},
			{Text: c.T("mydata.btn_withdraw_confirm"), Data: data(actMyData, "W")},
		})
	case "W":
		m, err := c.tx.WithdrawConsent(c.Req.UserID)
		if err != nil {
			return err
		}
		if err := toAdmins(c, m, "mydata.admins_withdraw"); err != nil {
			return err
		}
		return c.Edit(c.T("mydata.withdrawn"))
	case "c":
		return c.Edit(c.T("mydata.requests"), myDataButtons(c.Lang, c.Me))
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// nameFixForm is what the form of a name correction holds: the name asked.
type nameFixForm struct {
	Name string `json:"name,omitempty"`
}

// nameFixStep takes the corrected name, then the confirm that sends the
// request to the admins.
func nameFixStep(c *Ctx, f storage.Form) error {
	switch formAnswer(c) {
	case "ok":
		m, err := c.tx.AskNameCorrection(c.Req.UserID, formState[nameFixForm](f).Name)
		if err != nil {
			return err
		}
		if err := c.clearForm(); err != nil {
			return err
		}
		if err := toAdmins(c, m, "mydata.admins_name", m.NameRequest); err != nil {
			return err
		}
		return c.Edit(c.T("mydata.name_sent", m.NameRequest))
	case "cancel":
		return c.leaveForm()
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Text == "" || c.Req.Command != "" {
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
	}
	name, err := storage.ValidateFullName(c.Req.Text)
	if err != nil {
		return err
	}
	if name == c.Me.FullName {
		return c.Reply(c.T("mydata.same_name", name))
	}
	if err := c.saveForm(f.Kind, f.Step, nameFixForm{Name: name}); err != nil {
		return err
	}
	return c.Reply(c.T("mydata.confirm_name", c.Me.FullName, name), confirmButtonsAs(c.Lang, "btn.send_request")...)
}

// toAdmins tells every admin, in their language and by name, what m asked
// of them, with the card where they act on it (/m_<id>).
func toAdmins(c *Ctx, m storage.Member, key string, args ...any) error {
	admins, err := c.tx.Admins()
	if err != nil {
		return err
	}
	unit, _, err := c.tx.Unit(m.Unit)
	if err != nil {
		return err
	}
	for _, id := range admins {
		a, _, err := c.tx.Member(id)
		if err != nil {
			return err
		}
		lang := c.bot.langOf(a)
		text := texts.T(lang, key, append([]any{displayName(lang, m), unit.Name, m.UserID}, args...)...)
		if err := c.bot.send(c.tx, id, text, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// personalData writes the document /mydata sends. It is plain text, for
// any phone to open; what people typed is shown as typed.
func (o *office) personalData(tx *storage.Tx, lang string, m storage.Member) (string, error) {
	var d strings.Builder
	t := func(key string, args ...any) string { return plainText(texts.T(lang, key, args...)) }
	heading := func(key string, args ...any) {
		h := t(key, args...)
		fmt.Fprintf(&d, "\n%s\n%s\n", h, strings.Repeat("=", len([]rune(h))))
	}
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&d, "%s: %s\n", t(label), value)
		}
	}
	fmt.Fprintf(&d, "%s\n%s\n", t("mydata.title", displayName(lang, m)), t("mydata.law", o.at(tx.Now())))

	heading(storage.KindMember.MyData)
	line("mydata.full_name", m.FullName)
	line("mydata.tg_name", m.TGName)
	if m.Username != "" {
		line("mydata.username", "@"+m.Username)
	}
	line("mydata.user_id", strconv.FormatInt(m.UserID, 10))
	line("mydata.role", o.roleText(tx, lang, m))
	if m.Position != "" {
		line("law.mydata.position", m.Position)
	}
	line("mydata.status", t("mydata.status_"+string(m.Status)))
	line("mydata.lang", map[string]string{"vi": "Tiếng Việt", "en": "English"}[o.langOf(m)])
	if !m.RequestedAt.IsZero() {
		line("mydata.requested", texts.FormatTime(lang, m.RequestedAt, o.loc))
	}
	if !m.JoinedAt.IsZero() {
		line("mydata.joined", texts.FormatTime(lang, m.JoinedAt, o.loc))
	}
	if !m.ConsentAt.IsZero() {
		line("mydata.consent", texts.FormatTime(lang, m.ConsentAt, o.loc))
	}
	line("mydata.name_request", m.NameRequest)
	if !m.ErasureAskedAt.IsZero() {
		line("mydata.erasure_asked", texts.FormatTime(lang, m.ErasureAskedAt, o.loc))
	}

	ideas, _, err := tx.Ideas(storage.IdeaFilter{Author: m.UserID}, 1<<30)
	if err != nil {
		return "", err
	}
	heading(storage.KindIdea.MyData, len(ideas))
	slices.Reverse(ideas) // oldest first, as a record reads
	for _, idea := range ideas {
		fmt.Fprintf(&d, "\n%s – %s\n", idea.Ref(), idea.Title)
		line("mydata.theme", t("theme."+string(idea.Theme)))
		line("mydata.idea_status", t("idea."+string(idea.Status)))
		line("mydata.estimate", texts.FormatVND(lang, idea.EstSavings))
		if idea.Saved > 0 || idea.Percent > 0 {
			line("mydata.progress_now", fmt.Sprintf("%d%%, %s", idea.Percent, texts.FormatVND(lang, idea.Saved)))
		}
		line("mydata.description", idea.Description)
		for _, e := range idea.History {
			actor, _, err := tx.Member(e.Actor)
			if err != nil {
				return "", err
			}
			if !e.Step() {
				fmt.Fprintf(&d, "  • %s\n", stripTags(linkLine(lang, e, o.at(e.At), displayName(lang, actor))))
				continue
			}
			note := e.Note
			if e.DuplicateOf != 0 {
				note = eventNote(lang, e)
			}
			if note != "" {
				note = ": " + note
			}
			fmt.Fprintf(&d, "  • %s – %s (%s)%s\n", texts.FormatTime(lang, e.At, o.loc), t("idea."+string(e.Status)), displayName(lang, actor), note)
		}
		progress, err := tx.ProgressOf(idea.ID)
		if err != nil {
			return "", err
		}
		for _, p := range progress {
			fmt.Fprintf(&d, "  • %s\n", t("mydata.progress_line", o.at(p.At), p.Percent, texts.Money(p.Saved), p.Note))
		}
	}

	wastes, err := tx.WastesBy(m.UserID)
	if err != nil {
		return "", err
	}
	heading(storage.KindWaste.MyData, len(wastes))
	for _, w := range wastes {
		fmt.Fprintf(&d, "\n%s – %s (%s)\n", w.Ref(), texts.FormatTime(lang, w.CreatedAt, o.loc), t("waste."+string(w.Status)))
		line("mydata.description", w.Description)
		line("mydata.outcome", w.Outcome)
	}

	praises, err := tx.PraisesOf(m.UserID)
	if err != nil {
		return "", err
	}
	heading(storage.KindPraise.MyData, len(praises))
	for _, p := range praises {
		by, _, err := tx.Member(p.By)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&d, "• %s – %s: %s\n", texts.FormatTime(lang, p.At, o.loc), displayName(lang, by), p.Reason)
	}

	honours, err := tx.HonoursOf(m.UserID)
	if err != nil {
		return "", err
	}
	heading(storage.KindHonour.MyData, len(honours))
	for _, h := range honours {
		fmt.Fprintf(&d, "• %s\n", t("law.honour.item", o.awardName(lang, h.Decision.Form), h.Year, h.Decision.No, formatDate(h.Decision.Date, o.loc)))
	}

	registrations, err := tx.RegistrationsOf(m.UserID)
	if err != nil {
		return "", err
	}
	heading(storage.KindRegister.MyData, len(registrations))
	for _, r := range registrations {
		fmt.Fprintf(&d, "• %s\n", t("mydata.registration", r.Year, t("law.title."+r.Title), r.Initiatives))
	}

	points := tx.MemberPoints(m.UserID)
	heading(storage.KindPoints.MyData)
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

	heading(storage.KindForm.MyData)
	if f, ok, err := tx.Forms().Get(m.UserID); err != nil {
		return "", err
	} else if ok {
		// The form is named by its command; what was typed in it is shown
		// as typed.
		name := f.Kind
		if cmd, ok := formOwners[f.Kind]; ok {
			name = "/" + cmd.name
		}
		fmt.Fprintf(&d, "%s\n", t("mydata.form_open", name))
		for _, v := range f.Values() {
			fmt.Fprintf(&d, "  • %s\n", v)
		}
	} else {
		d.WriteString(t("mydata.none") + "\n")
	}

	entries, err := tx.AuditAbout(m.UserID)
	if err != nil {
		return "", err
	}
	heading(storage.KindAudit.MyData, len(entries))
	for _, e := range entries {
		l, err := o.auditLine(tx, lang, e)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&d, "• %s\n", plainText(l))
	}
	fmt.Fprintf(&d, "\n%s\n", t("mydata.rights"))
	return d.String(), nil
}
