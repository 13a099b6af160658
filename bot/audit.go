package bot

import (
	"strconv"
	"strings"

	"thiduabot/storage"
)

// cmdAudit shows the latest changes in words: when, who, what, to whom;
// refusals too.
func (b *Bot) cmdAudit(c *Ctx) error {
	entries, err := c.LatestAudit(40)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return c.Reply(c.T("audit.none"))
	}
	var text strings.Builder
	text.WriteString(c.T("audit.title"))
	for _, e := range entries {
		line, err := b.auditLine(c.Tx, c.Lang, e)
		if err != nil {
			return err
		}
		// A part an entry does not have (the unit of a request declined,
		// a button with no arguments) leaves no empty brackets.
		line = strings.ReplaceAll(line, " ()", "")
		text.WriteString("\n" + line)
	}
	return c.Reply(text.String())
}

// auditLine says one audit entry as a sentence: "09:12 28/11/2026 – Trần
// Văn B duyệt Nguyễn Văn An vào Văn phòng Sở". The records it names are
// read for their names; an entry of a kind this version does not know is
// still shown, as it was stored.
func (b *Bot) auditLine(tx *storage.Tx, lang string, e storage.AuditEntry) (string, error) {
	actor, _, err := tx.Member(e.Actor)
	if err != nil {
		return "", err
	}
	who := displayName(lang, actor)
	when := FormatTime(lang, e.At, b.loc) + " – "
	if e.Refused {
		return when + T(lang, "audit.refused", who, b.refusedWhat(lang, e.Detail)), nil
	}
	object := b.auditObject(tx, lang, e.Object)
	switch e.Action {
	case "idea.submit", "idea.endorse", "idea.accept", "idea.withdraw", "idea.resubmit", "waste.report":
		return when + T(lang, "audit."+e.Action, who, object), nil
	case "idea.return", "idea.reject", "idea.progress", "praise":
		return when + T(lang, "audit."+e.Action, who, object, truncate(e.Detail, 80)), nil
	case "waste.checking", "waste.handled", "waste.dismissed":
		return when + T(lang, "audit.waste.move", who, object, T(lang, "waste."+strings.TrimPrefix(e.Action, "waste."))), nil
	case "invite.create":
		return when + T(lang, "audit."+e.Action, who, object), nil
	case "join.approve", "join.decline", "member.deactivate", "member.move", "member.anonymise":
		return when + T(lang, "audit."+e.Action, who, object, b.auditObject(tx, lang, "unit:"+e.Detail)), nil
	case "member.consent", "member.ask_name", "member.ask_erase", "member.withdraw_consent":
		return when + T(lang, "audit."+e.Action, who), nil
	case "member.rename", "member.keep_name":
		return when + T(lang, "audit."+e.Action, who, object), nil
	case "member.role":
		return when + T(lang, "audit.member.role", who, object, T(lang, "audit.role."+e.Detail)), nil
	case "deadline.add", "deadline.correct", "deadline.delete":
		return when + T(lang, "audit."+e.Action, who, e.Detail), nil
	case "period.close", "report.submit":
		period := e.Object
		if p, err := tx.Period(e.Object); err == nil {
			period = p.Name + " (" + FormatTime(lang, p.Due, b.loc) + ")"
		}
		return when + T(lang, "audit."+e.Action, who, period, b.auditObject(tx, lang, "unit:"+e.Detail)), nil
	}
	return when + who + " " + e.Action + " " + e.Object + " " + e.Detail, nil
}

// auditObject names the record an entry is about: a member by name, a
// unit by its name, an idea or a waste report by its ref.
func (b *Bot) auditObject(tx *storage.Tx, lang, ref string) string {
	kind, id, ok := strings.Cut(ref, ":")
	if !ok {
		if u, found, err := tx.Unit(ref); err == nil && found {
			return u.Name
		}
		return ref
	}
	switch kind {
	case "member":
		n, _ := strconv.ParseInt(id, 10, 64)
		if m, found, err := tx.Member(n); err == nil && found {
			return displayName(lang, m)
		}
	case "unit":
		if u, found, err := tx.Unit(id); err == nil && found {
			return u.Name
		}
		return id
	}
	return ref
}

// refusedWhat says what a refused person tried: a command, or a button of
// a command's card.
func (b *Bot) refusedWhat(lang, detail string) string {
	if data, ok := strings.CutPrefix(detail, "button "); ok {
		action, rest := parseData(data)
		if cmd, ok := buttonOwners[action]; ok {
			return T(lang, "audit.refused_button", "/"+cmd.name, rest)
		}
		return T(lang, "audit.refused_button", "?", data)
	}
	return T(lang, "audit.refused_command", "/"+detail)
}
