package bot

import (
	"strings"

	"github.com/go-telegram/bot/models"
	"golang.org/x/text/unicode/norm"
)

// Request is what the bot reads of an update.
type Request struct {
	UpdateID int64
	UserID   int64
	ChatID   int64
	Group    bool
	TGName   string
	Username string
	LangHint string

	Text    string
	Command string // lower case, without the slash and @bot
	Args    string

	CallbackID string
	Data       string
	MessageID  int // of the bot's message a button was pressed on

	Document *models.Document
	PhotoID  string
}

// parseUpdate reads an update; ok is false for kinds the bot ignores.
func parseUpdate(u *models.Update) (r Request, ok bool) {
	r.UpdateID = u.ID
	var from *models.User
	switch {
	case u.Message != nil:
		m := u.Message
		from, r.ChatID = m.From, m.Chat.ID
		r.Group = m.Chat.Type != models.ChatTypePrivate
		// Some keyboards (Unikey's "Unicode tổ hợp", some phones) type
		// Vietnamese with combining marks: everything is read, compared and
		// stored precomposed. NFC keeps the text's UTF-16 length or
		// shortens it, so the entities' offsets still hold for the command.
		r.Text = norm.NFC.String(m.Text)
		if r.Text == "" {
			r.Text = norm.NFC.String(m.Caption)
		}
		r.Document = m.Document
		if len(m.Photo) > 0 {
			r.PhotoID = m.Photo[len(m.Photo)-1].FileID
		}
		if len(m.Entities) > 0 && m.Entities[0].Type == models.MessageEntityTypeBotCommand && m.Entities[0].Offset == 0 {
			cmd, args, _ := strings.Cut(r.Text, " ")
			cmd, _, _ = strings.Cut(strings.TrimPrefix(cmd, "/"), "@")
			r.Command, r.Args = strings.ToLower(cmd), strings.TrimSpace(args)
		}
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		from, r.CallbackID, r.Data = &q.From, q.ID, q.Data
		if q.Message.Message != nil {
			r.ChatID, r.MessageID = q.Message.Message.Chat.ID, q.Message.Message.ID
			r.Group = q.Message.Message.Chat.Type != models.ChatTypePrivate
		} else {
			r.ChatID = q.From.ID
		}
	default:
		return r, false
	}
	if from == nil || from.IsBot {
		return r, false
	}
	if action, rest := parseData(r.Data); r.CallbackID != "" && action == actPeriod {
		// A period pressed is its command given that period.
		r.Command, r.Args, _ = strings.Cut(rest, ":")
	}
	r.UserID, r.Username, r.LangHint = from.ID, from.Username, langHint(from.LanguageCode)
	r.TGName = norm.NFC.String(strings.TrimSpace(from.FirstName + " " + from.LastName))
	return r, true
}

// langHint maps Telegram's language code to one of ours: English for
// those whose Telegram is in English, Vietnamese otherwise.
func langHint(code string) string {
	if strings.HasPrefix(code, "en") {
		return "en"
	}
	return ""
}
