package bot

import (
	"strconv"
	"strings"

	"thiduabot/storage"
)

// maxListed bounds the members shown in one listing.
const maxListed = 200

// cmdInvite makes a fresh invite link: heads for their own unit, admins for
// any unit they name.
func (b *Bot) cmdInvite(c *Ctx) error {
	code := strings.ToUpper(strings.TrimSpace(c.Req.Args))
	if code == "" && c.Me.IsHead("") {
		code = c.Me.Unit
	}
	if code == "" {
		return b.unitUsage(c, "invite.usage")
	}
	inv, err := c.CreateInvite(c.Me, code)
	if err != nil {
		return err
	}
	unit, err := c.ExistingUnit(inv.Unit)
	if err != nil {
		return err
	}
	link := "https://t.me/" + b.username + "?start=" + inv.Code
	return c.Reply(c.T("invite.link", unit.Name, b.at(inv.ExpiresAt), link))
}

func (b *Bot) unitUsage(c *Ctx, key string) error {
	units, err := c.Units()
	if err != nil {
		return err
	}
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code+" ("+u.Name+")")
	}
	return c.Reply(c.T(key, strings.Join(codes, ", ")))
}

// cmdMembers lists a unit's members and pending requests: a head their own
// unit, an admin any unit (or a count per unit).
func (b *Bot) cmdMembers(c *Ctx) error {
	code := strings.ToUpper(strings.TrimSpace(c.Req.Args))
	if code == "" && c.Me.IsHead("") {
		code = c.Me.Unit
	}
	if code == "" {
		return b.unitUsage(c, "members.usage")
	}
	unit, err := c.ExistingUnit(code)
	if err != nil {
		return err
	}
	if !c.Me.CanManage(unit.Code) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	var active, pending []storage.Member
	err = c.UnitMembers(unit.Code, func(m storage.Member) bool {
		switch m.Status {
		case storage.StatusActive, storage.StatusInactive:
			active = append(active, m)
		case storage.StatusPending:
			pending = append(pending, m)
		}
		return true
	})
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("members.title", unit.Name, len(active)))
	if len(active) == 0 {
		text.WriteString("\n" + c.T("members.none"))
	}
	for i, m := range active {
		if i == maxListed {
			text.WriteString(c.T("members.more", len(active)-maxListed))
			break
		}
		text.WriteString("\n" + c.T("members.line", displayName(c.Lang, m), b.roleText(c.Tx, c.Lang, m), HTML(memberMarks(c.Lang, m)), m.UserID))
	}
	var kb [][]storage.Button
	if len(pending) > 0 {
		text.WriteString(c.T("members.pending", len(pending)))
		for _, m := range pending {
			text.WriteString("\n" + c.T("members.line", displayName(c.Lang, m), b.at(m.RequestedAt), HTML(""), m.UserID))
			if len(kb) < 20 {
				uid := strconv.FormatInt(m.UserID, 10)
				kb = append(kb, []storage.Button{
					{Text: truncate(c.T("join.approve")+" "+displayName(c.Lang, m), 40), Data: data(actJoin, "a", uid)},
					{Text: c.T("join.decline"), Data: data(actJoin, "d", uid)},
				})
			}
		}
	}
	return c.Reply(text.String(), kb...)
}

func memberMarks(lang string, m storage.Member) string {
	if m.Status == storage.StatusInactive {
		return T(lang, "members.inactive")
	}
	return ""
}

// openMember shows a member's card (/m_123) with what the viewer may change.
func (b *Bot) openMember(c *Ctx, id string) error {
	m, err := c.ExistingMember(int64(recordID(id)))
	if err != nil {
		return err
	}
	if m.Unit == "" || !c.Me.CanManage(m.Unit) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	text, kb, err := b.memberCard(c, m)
	if err != nil {
		return err
	}
	return c.Reply(text, kb...)
}

func (b *Bot) memberCard(c *Ctx, m storage.Member) (string, [][]storage.Button, error) {
	unit, _, err := c.Unit(m.Unit)
	if err != nil {
		return "", nil, err
	}
	tgName := "—"
	if m.Username != "" {
		tgName = "@" + m.Username
	}
	joined := "—"
	if !m.JoinedAt.IsZero() {
		joined = FormatTime(c.Lang, m.JoinedAt, b.loc)
	}
	status := c.T("status." + string(m.Status))
	if m.Status == storage.StatusGuest {
		status = c.T("status.guest")
	}
	text := c.T("members.card", displayName(c.Lang, m), unit.Name, HTML(b.roleText(c.Tx, c.Lang, m)), status, tgName, joined)
	uid := strconv.FormatInt(m.UserID, 10)
	var kb [][]storage.Button
	switch m.Status {
	case storage.StatusPending:
		kb = append(kb, []storage.Button{{Text: c.T("join.approve"), Data: data(actJoin, "a", uid)}, {Text: c.T("join.decline"), Data: data(actJoin, "d", uid)}})
	case storage.StatusInactive:
		if c.Me.IsAdmin() && !m.Anonymised {
			kb = append(kb, []storage.Button{{Text: c.T("members.anonymise"), Data: data(actMember, "a", uid)}})
		}
	case storage.StatusActive:
		if m.Role == storage.RoleHead {
			kb = append(kb, []storage.Button{{Text: c.T("members.make_staff"), Data: data(actMember, "s", uid)}})
		} else {
			kb = append(kb, []storage.Button{{Text: c.T("members.make_head"), Data: data(actMember, "h", uid)}})
		}
		if m.UserID != c.Me.UserID {
			kb = append(kb, []storage.Button{{Text: c.T("members.deactivate"), Data: data(actMember, "x", uid)}})
		}
		if c.Me.IsAdmin() {
			units, err := c.Units()
			if err != nil {
				return "", nil, err
			}
			var row []storage.Button
			for _, u := range units {
				if u.Code == m.Unit {
					continue
				}
				row = append(row, storage.Button{Text: c.T("members.move", u.Code), Data: data(actMember, "u", uid, u.Code)})
				if len(row) == 3 {
					kb, row = append(kb, row), nil
				}
			}
			if len(row) > 0 {
				kb = append(kb, row)
			}
		}
	}
	return text, kb, nil
}

// onMemberButton changes a member's role, unit or status; storage checks
// that whoever pressed may.
func (b *Bot) onMemberButton(c *Ctx, pressed string) error {
	parts := strings.Split(pressed, ":")
	if len(parts) < 2 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	uid, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	var m storage.Member
	switch {
	case parts[0] == "h":
		m, err = c.SetRole(c.Me, uid, storage.RoleHead)
	case parts[0] == "s":
		m, err = c.SetRole(c.Me, uid, storage.RoleStaff)
	case parts[0] == "x":
		m, err = c.Deactivate(c.Me, uid)
	case parts[0] == "u" && len(parts) == 3:
		m, err = c.MoveMember(c.Me, uid, parts[2])
	case parts[0] == "a":
		m, err = c.Anonymise(c.Me, uid)
		if err == nil {
			if err := c.Edit(c.T("members.anonymised")); err != nil {
				return err
			}
			return nil
		}
	default:
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if err != nil {
		return err
	}
	text, kb, err := b.memberCard(c, m)
	if err != nil {
		return err
	}
	if err := c.Edit(text, kb...); err != nil {
		return err
	}
	return b.tell(c.Tx, m.UserID, "members.you_changed", HTML(b.roleTextFor(c.Tx, m)), c.Me.Name(), b.at(c.Now()))
}

func (b *Bot) roleTextFor(tx *storage.Tx, m storage.Member) string {
	if m.Status == storage.StatusInactive {
		return T(b.langOf(m), "status.inactive")
	}
	return b.roleText(tx, b.langOf(m), m)
}

// onJoinButton approves or declines a join request. Whoever pressed must be
// an admin or a head of the unit asked for, checked on the stored record.
func (b *Bot) onJoinButton(c *Ctx, pressed string) error {
	verb, arg, _ := strings.Cut(pressed, ":")
	uid, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || (verb != "a" && verb != "d") {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	before, err := c.ExistingMember(uid)
	if err != nil {
		return err
	}
	m, err := c.DecideJoin(c.Me, uid, verb == "a")
	if err != nil {
		return err
	}
	unit, err := c.ExistingUnit(before.Unit)
	if err != nil {
		return err
	}
	done, told := "join.approved_by", "join.approved"
	if verb == "d" {
		done, told = "join.declined_by", "join.declined"
	}
	if err := c.Edit(c.T(done, m.FullName, unit.Name, c.Me.Name(), b.at(c.Now()))); err != nil {
		return err
	}
	return b.tell(c.Tx, uid, told, unit.Name)
}
