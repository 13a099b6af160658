package tgtest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// User is a Telegram user a test acts as.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

func (u User) json() map[string]any {
	m := map[string]any{"id": u.ID, "is_bot": false, "first_name": u.FirstName}
	if m["first_name"] == "" {
		m["first_name"] = "User " + strconv.FormatInt(u.ID, 10)
	}
	if u.LastName != "" {
		m["last_name"] = u.LastName
	}
	if u.Username != "" {
		m["username"] = u.Username
	}
	if u.LanguageCode != "" {
		m["language_code"] = u.LanguageCode
	}
	return m
}

func (s *Server) userMessageLocked(from User, chat map[string]any) map[string]any {
	s.users[from.ID] = from
	chatID := chat["id"].(int64)
	s.nextMsg[chatID]++
	return map[string]any{"message_id": s.nextMsg[chatID], "from": from.json(), "chat": chat, "date": time.Now().Unix()}
}

func privateChat(u User) map[string]any {
	return map[string]any{"id": u.ID, "type": "private", "first_name": u.json()["first_name"]}
}

func withText(msg map[string]any, text string) {
	msg["text"] = text
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": textLen(cmd)}}
	}
}

// SendText sends text from a user to the bot in their private chat (a
// command gets its bot_command entity) and returns the update id. Writing
// to the bot lets it write back, as on Telegram.
func (s *Server) SendText(from User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started[from.ID] = true
	msg := s.userMessageLocked(from, privateChat(from))
	withText(msg, text)
	return s.pushLocked("message", msg)
}

// SendGroupText sends text from a user in a group chat.
func (s *Server) SendGroupText(chatID int64, from User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.groups[chatID] = true
	msg := s.userMessageLocked(from, map[string]any{"id": chatID, "type": "supergroup", "title": "Cán bộ Sở"})
	withText(msg, text)
	return s.pushLocked("message", msg)
}

// SendDocument sends a document from a user in their private chat.
func (s *Server) SendDocument(from User, name, mimeType string, size int64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started[from.ID] = true
	msg := s.userMessageLocked(from, privateChat(from))
	msg["document"] = map[string]any{"file_id": fmt.Sprintf("doc-%d-%d", from.ID, s.nextUpd), "file_unique_id": fmt.Sprintf("u%d", s.nextUpd), "file_name": name, "mime_type": mimeType, "file_size": size}
	return s.pushLocked("message", msg)
}

// SendPhoto sends a photo with a caption from a user in their private chat.
func (s *Server) SendPhoto(from User, caption string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started[from.ID] = true
	msg := s.userMessageLocked(from, privateChat(from))
	msg["photo"] = []map[string]any{{"file_id": fmt.Sprintf("photo-%d-%d", from.ID, s.nextUpd), "file_unique_id": fmt.Sprintf("p%d", s.nextUpd), "width": 1280, "height": 960}}
	if caption != "" {
		msg["caption"] = caption
	}
	return s.pushLocked("message", msg)
}

// Press presses the first button whose data starts with prefix on a
// message the bot sent. It fails, as a Telegram client cannot press what
// is not there, when the message has no such button.
func (s *Server) Press(from User, m Message, prefix string) (int64, error) {
	b, ok := m.Button(prefix)
	if !ok {
		return 0, fmt.Errorf("tgtest: message %d has no button %q (buttons: %v)", m.ID, prefix, m.Keyboard)
	}
	return s.PressForged(from, m, b.Data), nil
}

// PressForged sends a callback query with any data on a message, as a
// modified client could.
func (s *Server) PressForged(from User, m Message, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	qid := fmt.Sprintf("cq-%d", s.nextUpd+1)
	s.callbacks[qid] = false
	chat := map[string]any{"id": m.ChatID, "type": "private"}
	if m.ChatID < 0 {
		chat["type"] = "supergroup"
		chat["title"] = "Cán bộ Sở"
	}
	msg := map[string]any{"message_id": m.ID, "chat": chat, "date": m.At.Unix(), "text": m.Plain, "from": map[string]any{"id": BotID, "is_bot": true, "first_name": "Thi đua"}}
	s.users[from.ID] = from
	return s.pushLocked("callback_query", map[string]any{"id": qid, "from": from.json(), "message": msg, "chat_instance": "ci", "data": data})
}

// Started marks users as having started the bot, as if each had written
// to it, without sending it anything.
func (s *Server) Started(ids ...int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		s.started[id] = true
	}
}

// AddGroup makes a group chat known, with the bot in it.
func (s *Server) AddGroup(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.groups[chatID] = true
}
