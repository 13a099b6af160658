package bot

import (
	"html"
	"strings"
)

// cmdAudit shows the latest changes: who, what, when; refusals too.
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
		actor, _, err := c.Member(e.Actor)
		if err != nil {
			return err
		}
		mark := ""
		if e.Refused {
			mark = "⛔ "
		}
		line := "\n" + FormatTime(e.At, b.loc) + " " + mark + "<b>" + html.EscapeString(memberName(c.Lang, actor)) + "</b> " + html.EscapeString(e.Action)
		if e.Object != "" {
			line += " " + html.EscapeString(e.Object)
		}
		if e.Detail != "" {
			line += ": " + html.EscapeString(truncate(e.Detail, 80))
		}
		text.WriteString(line)
	}
	return c.Reply(text.String())
}
