package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// membersPage is how many members one page of a listing shows.
const membersPage = 30

// cmdMembers lists members and pending requests: a head their own unit, an
// admin any unit named, or everyone, paged, with the units as buttons.
func cmdMembers(c *Ctx) error {
	code := strings.ToUpper(strings.TrimSpace(c.Req.Args))
	if code == "" && c.Me.IsHead("") && !c.Me.IsAdmin() {
		code = c.Me.Unit
	}
	return listMembers(c, code, 0)
}

// onMembersPage shows another page, or another unit, of a listing in place.
func onMembersPage(c *Ctx, pressed string) error {
	code, off, _ := strings.Cut(pressed, ":")
	offset, err := strconv.Atoi(off)
	if err != nil || offset < 0 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	return listMembers(c, code, offset)
}

// listMembers lists the members of a unit ("" for everyone: admins only),
// a page from offset, with the requests waiting for approval.
func listMembers(c *Ctx, code string, offset int) error {
	title := c.T("members.all")
	if code != "" {
		unit, err := c.tx.ExistingUnit(code)
		if err != nil {
			return err
		}
		code, title = unit.Code, unit.Name
	}
	if (code == "" && !c.Me.IsAdmin()) || (code != "" && !c.Me.CanManage(code)) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	var active, pending []storage.Member
	collect := func(m storage.Member) bool {
		switch m.Status {
		case storage.StatusActive, storage.StatusInactive:
			if m.Unit != "" {
				active = append(active, m)
			}
		case storage.StatusPending:
			pending = append(pending, m)
		}
		return true
	}
	var err error
	if code == "" {
		err = c.tx.Members(collect)
	} else {
		err = c.tx.UnitMembers(code, collect)
	}
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("members.title", title, len(active)))
	if len(active) == 0 {
		text.WriteString("\n" + c.T("members.none"))
	}
	if offset >= len(active) {
		offset = 0
	}
	end := min(offset+membersPage, len(active))
	if len(active) > membersPage {
		text.WriteString(c.T("ideas.page", offset+1, end, len(active)))
	}
	for _, m := range active[offset:end] {
		text.WriteString("\n" + c.T("members.line", displayName(c.Lang, m), c.bot.roleText(c.tx, c.Lang, m), texts.HTML(memberMarks(c.Lang, m)), m.UserID))
	}
	var kb [][]storage.Button
	if len(pending) > 0 {
		text.WriteString(c.T("members.pending", len(pending)))
		for _, m := range pending {
			text.WriteString("\n" + c.T("members.line", displayName(c.Lang, m), c.bot.at(m.RequestedAt), texts.HTML(""), m.UserID))
			if len(kb) < 10 {
				uid := strconv.FormatInt(m.UserID, 10)
				kb = append(kb, []storage.Button{
					{Text: truncate(c.T("join.approve")+" "+displayName(c.Lang, m), 40), Data: data(actJoin, "a", uid)},
					{Text: c.T("join.decline"), Data: data(actJoin, "d", uid)},
				})
			}
		}
	}
	var row []storage.Button
	if offset > 0 {
		row = append(row, storage.Button{Text: c.T("btn.prev"), Data: data(actMembersPage, code, strconv.Itoa(max(0, offset-membersPage)))})
	}
	if end < len(active) {
		row = append(row, storage.Button{Text: c.T("btn.next"), Data: data(actMembersPage, code, strconv.Itoa(end))})
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	if c.Me.IsAdmin() { // the units, and everyone, to switch to
		units, err := c.tx.Units()
		if err != nil {
			return err
		}
		row = []storage.Button{{Text: c.T("members.everyone"), Data: data(actMembersPage, "", "0")}}
		for _, u := range units {
			if len(row) == 4 {
				kb, row = append(kb, row), nil
			}
			label := c.bot.shortName(u)
			if u.Code == code {
				label = "• " + label
			}
			row = append(row, storage.Button{Text: label, Data: data(actMembersPage, u.Code, "0")})
		}
		kb = append(kb, row)
	}
	if c.Req.CallbackID != "" {
		return c.Edit(text.String(), kb...)
	}
	return c.Reply(text.String(), kb...)
}

// onJoinButton approves or declines a join request. Whoever pressed must be
// an admin or a head of the unit asked for, checked on the stored record.
func onJoinButton(c *Ctx, pressed string) error {
	verb, arg, _ := strings.Cut(pressed, ":")
	uid, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || !strings.Contains("adc", verb) || len(verb) != 1 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	before, err := c.tx.ExistingMember(uid)
	if err != nil {
		return err
	}
	switch verb {
	case "d", "c":
		// A decline is final: its reason is asked (or skipped), then it is
		// shown with what the person will read, and done only on its
		// confirm; a cancel shows the request again, unchanged.
		if err := c.Me.MayDecideJoin(before); err != nil {
			return err
		}
		unit, err := c.tx.ExistingUnit(before.Unit)
		if err != nil {
			return err
		}
		if verb == "c" {
			if f, ok, err := c.form(); err != nil {
				return err
			} else if ok && f.Kind == formJoinDecline {
				if err := c.clearForm(); err != nil {
					return err
				}
			}
			return c.Edit(c.T("join.request", unit.Name, before.FullName, joinTGName(before), c.bot.at(before.RequestedAt)), joinButtons(c.Lang, arg))
		}
		if err := c.saveForm(formJoinDecline, "reason", joinDeclineForm{UID: arg, Msg: strconv.Itoa(c.Req.MessageID)}); err != nil {
			return err
		}
		// Cancel stands where the pressed button was: a double tap cancels.
		return c.Edit(c.T("join.ask_reason", before.FullName, unit.Name, texts.Count(storage.MaxReasonLen)), []storage.Button{
			{Text: c.T("idea.cancel"), Data: data(actJoin, "c", arg)},
			{Text: c.T("btn.skip"), Data: data(actForm, "skip")},
		})
	}
	m, err := c.tx.DecideJoin(c.Me, uid, verb == "a")
	if err != nil {
		return err
	}
	unit, err := c.tx.ExistingUnit(before.Unit)
	if err != nil {
		return err
	}
	done, told := "join.approved_by", "join.approved"
	if err := c.Edit(c.T(done, m.FullName, unit.Name, displayName(c.Lang, c.Me), c.bot.at(c.tx.Now()))); err != nil {
		return err
	}
	return c.bot.tell(c.tx, uid, told, unit.Name)
}

// joinButtons answer a join request: approve, or decline (previewed).
func joinButtons(lang, uid string) []storage.Button {
	return []storage.Button{{Text: texts.T(lang, "join.approve"), Data: data(actJoin, "a", uid)}, {Text: texts.T(lang, "join.decline"), Data: data(actJoin, "d", uid)}}
}

// joinTGName is how a join request names the person's Telegram account.
func joinTGName(m storage.Member) string {
	switch {
	case m.Username != "":
		return "@" + m.Username
	case m.TGName != "":
		return m.TGName
	}
	return "—"
}
