package bot

import (
	"hash/fnv"
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

func memberMarks(lang string, m storage.Member) string {
	if m.Status == storage.StatusInactive {
		return texts.T(lang, "members.inactive")
	}
	return ""
}

// openMember shows a member's card (/m_123) with what the viewer may change.
func openMember(c *Ctx, id string) error {
	m, err := c.tx.ExistingMember(int64(recordID(id)))
	if err != nil {
		return err
	}
	if m.Unit == "" {
		// A guest or a declined applicant is no member: not found, which
		// is true, rather than "not allowed", which would mislead.
		return storage.Errorf(storage.ENotFound, storage.ReasonMemberNotFound)
	}
	if !c.Me.CanManage(m.Unit) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	text, kb, err := memberCard(c, m)
	if err != nil {
		return err
	}
	return c.Reply(text, kb...)
}

func memberCard(c *Ctx, m storage.Member) (string, [][]storage.Button, error) {
	unit, _, err := c.tx.Unit(m.Unit)
	if err != nil {
		return "", nil, err
	}
	tgName := "—"
	if m.Username != "" {
		tgName = "@" + m.Username
	}
	joined := "—"
	if !m.JoinedAt.IsZero() {
		joined = texts.FormatTime(c.Lang, m.JoinedAt, c.bot.loc)
	}
	status := c.T("status." + string(m.Status))
	if m.Status == storage.StatusGuest {
		status = c.T("status.guest")
	}
	text := c.T("members.card", displayName(c.Lang, m), unit.Name, texts.HTML(c.bot.roleText(c.tx, c.Lang, m)), status, tgName, joined) + c.bot.positionLine(c.Lang, m)
	if honours, err := c.bot.honoursText(c.tx, c.Lang, m); err != nil {
		return "", nil, err
	} else if honours != "" {
		text += c.T("law.members.honours", honours)
	}
	uid := strconv.FormatInt(m.UserID, 10)
	// Every button carries the state it was shown for: a press on a card
	// that has moved on is answered, and changes nothing.
	st := memberState(m)
	text, kb := personalRequests(c, m, text, uid, st)
	switch m.Status {
	case storage.StatusPending:
		kb = append(kb, []storage.Button{{Text: c.T("join.approve"), Data: data(actJoin, "a", uid)}, {Text: c.T("join.decline"), Data: data(actJoin, "d", uid)}})
	case storage.StatusInactive:
		if c.Me.IsAdmin() && !m.Anonymised && m.ErasureAskedAt.IsZero() {
			kb = append(kb, []storage.Button{{Text: c.T("members.anonymise"), Data: data(actMember, "a", uid, st)}})
		}
	case storage.StatusActive:
		// The role's button changes place when the role changes (above
		// the lock for staff, below it for a head), so a tap meant for one
		// never lands on the other.
		if m.Role != storage.RoleHead {
			kb = append(kb, []storage.Button{{Text: c.T("members.make_head"), Data: data(actMember, "h", uid, st)}})
		}
		if m.UserID != c.Me.UserID {
			kb = append(kb, []storage.Button{{Text: c.T("members.deactivate"), Data: data(actMember, "x", uid, st)}})
		}
		if m.Role == storage.RoleHead {
			kb = append(kb, []storage.Button{{Text: c.T("members.make_staff"), Data: data(actMember, "s", uid, st)}})
		}
		kb = append(kb, positionButton(c.Lang, m))
		if c.Me.IsAdmin() {
			units, err := c.tx.Units()
			if err != nil {
				return "", nil, err
			}
			var row []storage.Button
			for _, u := range units {
				if u.Code == m.Unit {
					continue
				}
				row = append(row, storage.Button{Text: c.T("members.move", c.bot.shortName(u)), Data: data(actMember, "u", uid, st, u.Code)})
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

// memberState is what a member card's buttons were shown for: the unit,
// then the status's and the role's first letters ("VP-as": active staff of
// VP), short enough that a move's data stays within Telegram's 64 bytes.
func memberState(m storage.Member) string {
	first := func(s string) string {
		if s == "" {
			return "_"
		}
		return s[:1]
	}
	return m.Unit + "-" + first(string(m.Status)) + first(string(m.Role))
}

// onMemberButton changes a member's role, unit or status; storage checks
// that whoever pressed may. Moving, locking and erasing a member are shown
// as a preview first, and done only on its confirm (the upper-case verb).
func onMemberButton(c *Ctx, pressed string) error {
	parts := strings.Split(pressed, ":")
	if len(parts) < 3 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	verb, st := parts[0], parts[2]
	uid, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	m, err := c.tx.ExistingMember(uid)
	if err != nil {
		return err
	}
	if !c.Me.CanManage(m.Unit) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if memberState(m) != st {
		// The card was shown for a state that has passed: show it as it is.
		if err := editCard(c, m); err != nil {
			return err
		}
		return c.Answer(c.T("members.stale"), true)
	}
	to := ""
	if len(parts) == 4 {
		to = parts[3]
	}
	uidText := strconv.FormatInt(uid, 10)
	preview := func(key string, args ...any) error {
		unit, _, _ := c.tx.Unit(m.Unit)
		text := c.T(key, append([]any{displayName(c.Lang, m), unit.Name}, args...)...)
		confirm := append([]string{strings.ToUpper(verb), uidText, st}, parts[3:]...)
		// Cancel stands first, where the pressed button was: a double tap
		// cancels rather than confirms.
		return c.Edit(text, []storage.Button{
			{Text: c.T("idea.cancel"), Data: data(actMember, "c", uidText, st)},
			{Text: c.T("btn.confirm"), Data: data(actMember, confirm...)},
		})
	}
	switch {
	case verb == "x":
		return preview("members.confirm_deactivate")
	case verb == "a":
		return preview("members.confirm_anonymise")
	case verb == "h":
		return preview("members.confirm_make_head")
	case verb == "s":
		return preview("members.confirm_make_staff")
	case verb == "n" || verb == "N" || verb == "k" || verb == "K":
		return onNameRequest(c, m, verb, to, preview)
	case verb == "u" && to != "":
		u, err := c.tx.ExistingUnit(to)
		if err != nil {
			return err
		}
		return preview("members.confirm_move", u.Name)
	case verb == "c":
	case verb == "H":
		m, err = c.tx.SetRole(c.Me, uid, storage.RoleHead)
	case verb == "S":
		m, err = c.tx.SetRole(c.Me, uid, storage.RoleStaff)
	case verb == "X":
		m, err = c.tx.Deactivate(c.Me, uid)
	case verb == "U" && to != "":
		m, err = c.tx.MoveMember(c.Me, uid, to)
	case verb == "A":
		asked := !m.ErasureAskedAt.IsZero()
		m, err = c.tx.Anonymise(c.Me, uid)
		if err == nil {
			if err := c.Edit(c.T("members.anonymised")); err != nil || !asked {
				return err
			}
			return c.bot.tell(c.tx, uid, "members.erased_told")
		}
	default:
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if err != nil {
		return err
	}
	if err := editCard(c, m); err != nil {
		return err
	}
	if verb == "c" {
		return nil // cancelled: nothing changed, nobody told
	}
	return c.bot.tell(c.tx, m.UserID, "members.you_changed", texts.HTML(c.bot.roleTextFor(c.tx, m)), displayName(c.Lang, c.Me), c.bot.at(c.tx.Now()))
}

func (o *office) roleTextFor(tx *storage.Tx, m storage.Member) string {
	if m.Status == storage.StatusInactive {
		return texts.T(o.langOf(m), "status.inactive")
	}
	return o.roleText(tx, o.langOf(m), m)
}

// personalRequests adds to a member's card what they asked about their
// personal data (Law 91/2025/QH15), and for an admin the buttons that
// answer it: the name corrected or kept (the name's hash on the button, so
// that a press decides the name that was shown), the data erased by the
// anonymisation, previewed and confirmed.
func personalRequests(c *Ctx, m storage.Member, text, uid, st string) (string, [][]storage.Button) {
	var kb [][]storage.Button
	if m.NameRequest != "" && !m.Anonymised {
		text += c.T("members.name_request", m.NameRequest)
		if c.Me.IsAdmin() {
			kb = append(kb, []storage.Button{
				{Text: truncate(c.T("members.btn_rename", m.NameRequest), 60), Data: data(actMember, "n", uid, st, nameHash(m.NameRequest))},
				{Text: c.T("members.btn_keep_name"), Data: data(actMember, "k", uid, st, nameHash(m.NameRequest))},
			})
		}
	}
	if !m.ErasureAskedAt.IsZero() && !m.Anonymised {
		text += c.T("members.erasure_asked")
		if c.Me.IsAdmin() && !m.IsAdmin() && !m.IsDirector() {
			kb = append(kb, []storage.Button{{Text: c.T("members.btn_erase_asked"), Data: data(actMember, "a", uid, st)}})
		}
	}
	return text, kb
}

// nameHash names a requested name in a button's data, within its 64 bytes.
func nameHash(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// onNameRequest answers a member's request to correct their name: n shows
// the correction for a confirm (N), k the name kept for a confirm (K). The
// member is told.
func onNameRequest(c *Ctx, m storage.Member, verb, hash string, preview func(string, ...any) error) error {
	if err := c.Me.MayDecideNameCorrection(m); err != nil {
		return err
	}
	if hash != nameHash(m.NameRequest) {
		// Asked again since the card was shown: show what waits now.
		if err := editCard(c, m); err != nil {
			return err
		}
		return c.Answer(c.T("members.stale"), true)
	}
	switch verb {
	case "n":
		return preview("members.confirm_rename", m.NameRequest)
	case "k":
		return preview("members.confirm_keep_name", m.NameRequest)
	}
	asked := m.NameRequest
	m, err := c.tx.DecideNameCorrection(c.Me, m.UserID, verb == "N")
	if err != nil {
		return err
	}
	if err := editCard(c, m); err != nil {
		return err
	}
	if verb == "N" {
		return c.bot.tell(c.tx, m.UserID, "members.renamed_told", m.FullName, displayName(c.bot.langOf(m), c.Me))
	}
	return c.bot.tell(c.tx, m.UserID, "members.name_kept_told", asked, displayName(c.bot.langOf(m), c.Me))
}

// editCard turns the pressed message into m's card as it stands.
func editCard(c *Ctx, m storage.Member) error {
	text, kb, err := memberCard(c, m)
	if err != nil {
		return err
	}
	return c.Edit(text, kb...)
}
