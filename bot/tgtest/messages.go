package tgtest

import (
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Message is a message the bot sent, as it stands now (after edits).
type Message struct {
	ID       int
	ChatID   int64
	Text     string // as sent, with its HTML
	Plain    string // as the user sees it
	Keyboard [][]Button
	Document *File
	Photo    *File
	Edits    int
	// Last is how the message last changed: "send", "editMessageText" or
	// "editMessageReplyMarkup".
	Last string
	At   time.Time
}

// Button is a button of an inline keyboard the bot sent.
type Button struct {
	Text   string
	Data   string
	URL    string
	WebApp string // the Mini App's URL
}

// Button returns the first button whose data starts with prefix.
func (m Message) Button(prefix string) (Button, bool) {
	for _, row := range m.Keyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Data, prefix) {
				return b, true
			}
		}
	}
	return Button{}, false
}

// File is a document or photo the bot sent.
type File struct {
	Name string
	Data []byte
	ID   string
}

// BotMessage puts a message in a private chat as if the bot had sent it
// earlier (to set up a test: a form waiting at its confirm buttons), and
// marks the user as having started the bot.
func (s *Server) BotMessage(chatID int64, text string, kb [][]Button) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started[chatID] = true
	s.nextMsg[chatID]++
	m := &Message{ID: s.nextMsg[chatID], ChatID: chatID, Text: text, Plain: text, Keyboard: kb, Last: "send", At: time.Now()}
	s.messages[chatID] = append(s.messages[chatID], m)
	return *m
}

// Messages returns the messages in a chat, oldest first, as they stand.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages[chatID]))
	for _, m := range s.messages[chatID] {
		out = append(out, *m)
	}
	return out
}

// Log returns every message sent or edited, in order: an edit appears as
// the message after the edit.
func (s *Server) Log() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// LogSince returns the messages sent or edited after mark.
func (s *Server) LogSince(mark Mark) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log[mark:])
}

// Mark is a position in the log: WaitMessage looks only past it.
type Mark int

// Mark returns the current end of the log.
func (s *Server) Mark() Mark {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Mark(len(s.log))
}

// ErrTimeout is returned by the Wait methods when nothing matched in time.
var ErrTimeout = errors.New("tgtest: timed out")

// WaitMessage waits until a message (or edit) past mark matches, and
// returns it. It gives up after timeout.
func (s *Server) WaitMessage(mark Mark, timeout time.Duration, match func(Message) bool) (Message, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for _, m := range s.log[mark:] {
			if match(m) {
				s.mu.Unlock()
				return m, nil
			}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			return Message{}, ErrTimeout
		}
	}
}

// WaitFor waits until cond holds. cond is checked, under no lock, after
// every change here and every few milliseconds (it may read state the
// stand-in does not see, such as the bot's outbox).
func (s *Server) WaitFor(timeout time.Duration, cond func() bool) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-tick.C:
		case <-deadline.C:
			return ErrTimeout
		}
	}
}

// sendLocked does the methods that put something in a chat.
func (s *Server) sendLocked(name string, params map[string]string, files map[string]*File) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if params["chat_id"] != "" && err != nil {
		return nil, bad("chat not found")
	}
	if params["inline_message_id"] != "" {
		return nil, bad("inline messages are not used by this bot")
	}
	if chatID > 0 && !s.started[chatID] {
		return nil, &apiError{status: 403, desc: "Forbidden: bot can't initiate conversation with a user"}
	}
	if chatID < 0 && !s.groups[chatID] {
		return nil, bad("chat not found")
	}
	kb, aerr := parseKeyboard(params["reply_markup"], chatID)
	if aerr != nil {
		return nil, aerr
	}
	text, plain := params["text"], params["text"]
	if name == "sendDocument" || name == "sendPhoto" {
		text, plain = params["caption"], params["caption"]
	}
	if params["parse_mode"] != "" && params["parse_mode"] != "HTML" {
		return nil, bad("this bot's messages use parse_mode HTML, not %q", params["parse_mode"])
	}
	if params["parse_mode"] == "HTML" {
		p, err := parseHTML(text)
		if err != nil {
			return nil, bad("%v", err)
		}
		plain = p
	}
	switch name {
	case "sendMessage", "editMessageText":
		if strings.TrimSpace(plain) == "" {
			return nil, bad("message text is empty")
		}
		if textLen(plain) > maxTextLen {
			return nil, bad("message is too long")
		}
	case "sendDocument", "sendPhoto":
		if textLen(plain) > maxCaptionLen {
			return nil, bad("message caption is too long")
		}
	}
	if err := s.rateLimitLocked(chatID); err != nil {
		return nil, err
	}
	switch name {
	case "editMessageText", "editMessageReplyMarkup":
		id, _ := strconv.Atoi(params["message_id"])
		var m *Message
		for _, x := range s.messages[chatID] {
			if x.ID == id {
				m = x
			}
		}
		if m == nil {
			return nil, bad("message to edit not found")
		}
		if name == "editMessageText" {
			if m.Text == text && slices.EqualFunc(m.Keyboard, kb, slices.Equal) {
				return nil, bad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
			}
			m.Text, m.Plain = text, plain
		} else if slices.EqualFunc(m.Keyboard, kb, slices.Equal) {
			return nil, bad("message is not modified")
		}
		m.Keyboard = kb
		m.Edits++
		m.Last = name
		s.log = append(s.log, *m)
		return s.messageJSON(m), nil
	}
	s.nextMsg[chatID]++
	m := &Message{ID: s.nextMsg[chatID], ChatID: chatID, Text: text, Plain: plain, Keyboard: kb, Last: "send", At: time.Now()}
	switch name {
	case "sendDocument":
		f, aerr := fileParam(params, files, "document")
		if aerr != nil {
			return nil, aerr
		}
		m.Document = f
	case "sendPhoto":
		f, aerr := fileParam(params, files, "photo")
		if aerr != nil {
			return nil, aerr
		}
		m.Photo = f
	}
	s.messages[chatID] = append(s.messages[chatID], m)
	s.log = append(s.log, *m)
	return s.messageJSON(m), nil
}

func fileParam(params map[string]string, files map[string]*File, name string) (*File, *apiError) {
	v := params[name]
	if strings.HasPrefix(v, "attach://") {
		f := files[strings.TrimPrefix(v, "attach://")]
		if f == nil || len(f.Data) == 0 {
			return nil, bad("file must be non-empty")
		}
		return f, nil
	}
	return &File{ID: v}, nil
}

func (s *Server) messageJSON(m *Message) map[string]any {
	chat := map[string]any{"id": m.ChatID, "type": "private"}
	if m.ChatID < 0 {
		chat["type"], chat["title"] = "supergroup", "Cán bộ Sở"
	}
	out := map[string]any{"message_id": m.ID, "date": m.At.Unix(), "chat": chat, "from": map[string]any{"id": BotID, "is_bot": true, "first_name": "Thi đua", "username": BotUsername}}
	if m.Plain != "" {
		out["text"] = m.Plain
	}
	if m.Document != nil {
		out["document"] = map[string]any{"file_id": "sent-doc", "file_unique_id": "sd", "file_name": m.Document.Name}
	}
	return out
}

// parseKeyboard checks an inline keyboard as Telegram would.
func parseKeyboard(raw string, chatID int64) ([][]Button, *apiError) {
	if raw == "" {
		return nil, nil
	}
	var markup map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &markup); err != nil {
		return nil, bad("can't parse reply keyboard markup JSON object")
	}
	rows, ok := markup["inline_keyboard"]
	if !ok || len(markup) != 1 {
		return nil, bad("this bot sends only inline keyboards")
	}
	var btnRows [][]map[string]json.RawMessage
	if err := json.Unmarshal(rows, &btnRows); err != nil {
		return nil, bad("can't parse inline keyboard button: %v", err)
	}
	var out [][]Button
	total := 0
	for _, row := range btnRows {
		if len(row) == 0 || len(row) > maxButtonsPerRow {
			return nil, bad("REPLY_MARKUP_TOO_LONG")
		}
		var r []Button
		for _, b := range row {
			total++
			var btn Button
			kinds := 0
			for k, v := range b {
				if !slices.Contains(buttonFields, k) {
					return nil, bad("can't parse inline keyboard button: unknown field %q", k)
				}
				if s := string(v); s == "{}" || s == "null" || s == `""` && k != "switch_inline_query" && k != "switch_inline_query_current_chat" {
					return nil, bad("can't parse inline keyboard button: field %q must not be empty", k)
				}
				if slices.Contains(buttonKinds, k) {
					kinds++
				}
			}
			json.Unmarshal(b["text"], &btn.Text)
			json.Unmarshal(b["callback_data"], &btn.Data)
			json.Unmarshal(b["url"], &btn.URL)
			if strings.TrimSpace(btn.Text) == "" {
				return nil, bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
			}
			if kinds != 1 {
				return nil, bad("can't parse inline keyboard button: exactly one of the optional fields must be used")
			}
			if _, ok := b["callback_data"]; ok && (len(btn.Data) < 1 || len(btn.Data) > maxCallbackData) {
				return nil, bad("BUTTON_DATA_INVALID")
			}
			if web, ok := b["web_app"]; ok {
				var info map[string]any
				if err := json.Unmarshal(web, &info); err != nil {
					return nil, bad("can't parse inline keyboard button: web_app must be a WebAppInfo")
				}
				if err := onlyFields(info, "url"); err != nil {
					return nil, bad("WebAppInfo: %v", err)
				}
				btn.WebApp, _ = info["url"].(string)
				if !isHTTPS(btn.WebApp) {
					return nil, bad("BUTTON_URL_INVALID")
				}
				if chatID < 0 { // Mini Apps open from private chats only
					return nil, bad("BUTTON_TYPE_INVALID")
				}
			}
			if _, ok := b["url"]; ok {
				if u, err := url.Parse(btn.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "tg") {
					return nil, bad("BUTTON_URL_INVALID")
				}
			}
			r = append(r, btn)
		}
		out = append(out, r)
	}
	if total > maxButtonsInMarkup {
		return nil, bad("REPLY_MARKUP_TOO_LONG")
	}
	return out, nil
}

// isHTTPS reports whether s is an https URL with a host: all Telegram
// opens as a Mini App.
func isHTTPS(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}
