// Package tgtest is an in-process stand-in for the Telegram Bot API. It
// serves the methods thiduabot uses over real HTTP, so the real
// go-telegram/bot client talks to it, and it refuses what Telegram would
// refuse: unknown methods and parameters, missing required ones, texts
// out of bounds, malformed HTML, bad inline keyboards, messages to users
// who never started the bot, and (when asked) traffic over the limits.
//
// A test acts as any user (SendText, SendDocument, Press) and reads what
// the bot sent (Messages, WaitMessage).
package tgtest

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Token is the bot token the stand-in accepts unless told otherwise.
const Token = "123456:TEST-token-for-the-stand-in"

// BotID and BotUsername describe the bot the stand-in plays.
const (
	BotID       = 123456
	BotUsername = "thiduabot"
)

// User is a Telegram user a test acts as.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// Button is a button of an inline keyboard the bot sent.
type Button struct {
	Text string
	Data string
	URL  string
}

// File is a document or photo the bot sent.
type File struct {
	Name string
	Data []byte
	ID   string
}

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

// Request is a call the bot made, with the answer it got.
type Request struct {
	Method string
	Params map[string]string
	At     time.Time
	Status int    // HTTP status of the answer: 200, 400, 403, 429…
	Error  string // the description of a refusal
}

// Limits are the sending limits the stand-in enforces, as token buckets.
type Limits struct {
	PerSecond      float64 // overall
	Burst          int
	PerChatSecond  float64 // per private chat
	PerChatBurst   int
	GroupPerMinute float64 // per group
	GroupBurst     int
}

// TelegramLimits are Telegram's published limits: about 30 messages a
// second overall, one a second in a chat (a short burst tolerated) and 20
// a minute in a group.
var TelegramLimits = Limits{PerSecond: 30, Burst: 30, PerChatSecond: 1, PerChatBurst: 3, GroupPerMinute: 20, GroupBurst: 3}

// Fault is a failure the stand-in answers with instead of doing the call.
type Fault struct {
	Status     int           // 429, 500, 502…
	RetryAfter int           // seconds, for 429
	Delay      time.Duration // wait this long before answering (a time-out)
	Drop       bool          // close the connection without an answer (a time-out, a reset)
}

// Server is the stand-in. Create one with New; it stops with the test.
type Server struct {
	URL   string
	Token string

	srv *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	updates   []json.RawMessage
	updateIDs []int64
	nextUpd   int64
	nextMsg   map[int64]int
	messages  map[int64][]*Message
	log       []Message // every send and edit, in order
	requests  []Request
	started   map[int64]bool
	blocked   map[int64]bool
	groups    map[int64]bool
	callbacks map[string]bool
	users     map[int64]User
	limits    *Limits
	global    *rate.Limiter
	perChat   map[int64]*rate.Limiter
	retryTill map[int64]time.Time
	faults    []faultRule
	webhook   string
	commands  map[string]string
	violation []string
	pollers   int
	closed    bool
}

type faultRule struct {
	method string
	chatID int64
	count  int
	fault  Fault
}

// New starts a stand-in on a loopback port; it is closed when the test ends.
func New(tb interface{ Cleanup(func()) }) *Server {
	s := newServer()
	tb.Cleanup(s.Close)
	return s
}

// Start starts a stand-in that lives until Close (for the console).
func Start() *Server { return newServer() }

func newServer() *Server {
	s := &Server{
		Token:     Token,
		changed:   make(chan struct{}),
		nextUpd:   1000,
		nextMsg:   map[int64]int{},
		messages:  map[int64][]*Message{},
		started:   map[int64]bool{},
		blocked:   map[int64]bool{},
		groups:    map[int64]bool{},
		callbacks: map[string]bool{},
		users:     map[int64]User{},
		perChat:   map[int64]*rate.Limiter{},
		retryTill: map[int64]time.Time{},
		commands:  map[string]string{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending pending long polls.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.notifyLocked()
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// EnforceLimits makes the stand-in answer 429 with retry_after to traffic
// over l, as Telegram does.
func (s *Server) EnforceLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = &l
	s.global = rate.NewLimiter(rate.Limit(l.PerSecond), l.Burst)
	s.perChat = map[int64]*rate.Limiter{}
}

// Inject makes the next count calls of method (any method, getUpdates
// too, when "") to chatID (any chat when 0) fail with f.
func (s *Server) Inject(method string, chatID int64, count int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faultRule{method: method, chatID: chatID, count: count, fault: f})
}

// ClearFaults ends every failure injected and not used up: Telegram is
// back.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// AddGroup makes a group chat known, with the bot in it.
func (s *Server) AddGroup(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.groups[chatID] = true
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

// Block makes a user block the bot: every message to them is refused.
func (s *Server) Block(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[userID] = true
}

// Violations returns every request that broke a Bot API rule, described.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violation)
}

// Requests returns every call the bot made.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// ForgetRequests drops the record of the calls made so far, for a long
// test that measures the bot's memory rather than the stand-in's.
func (s *Server) ForgetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// Commands returns the command lists set with setMyCommands, by scope and
// language ("default/", "chat:42/en"…), as their raw JSON.
func (s *Server) Commands() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.commands))
	for k, v := range s.commands {
		out[k] = v
	}
	return out
}

// Pollers returns how many getUpdates calls are waiting now.
func (s *Server) Pollers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pollers
}

// Pending returns how many updates have not been confirmed by the bot.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// --- acting as users ---

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

func (s *Server) pushLocked(kind string, body map[string]any) int64 {
	s.nextUpd++
	id := s.nextUpd
	raw, _ := json.Marshal(map[string]any{"update_id": id, kind: body})
	s.updates = append(s.updates, raw)
	s.updateIDs = append(s.updateIDs, id)
	s.notifyLocked()
	return id
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
	s.blocked[from.ID] = false
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

// --- reading what the bot sent ---

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

// WaitConfirmed waits until the bot has confirmed every update up to id
// (asked for a later offset).
func (s *Server) WaitConfirmed(id int64, timeout time.Duration) error {
	return s.WaitFor(timeout, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.updateIDs) == 0 || s.updateIDs[0] > id
	})
}

// --- serving the Bot API ---

type apiError struct {
	status     int
	desc       string
	retryAfter int
	drop       bool // no answer: the connection is closed
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/bot")
	token, name, ok := strings.Cut(path, "/")
	if !ok || token != s.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	params, files, err := readParams(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: " + err.Error()})
		return
	}
	result, aerr := s.call(r.Context(), name, params, files)
	if aerr != nil && aerr.drop {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	if aerr != nil {
		body := map[string]any{"ok": false, "error_code": aerr.status, "description": aerr.desc}
		if aerr.retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": aerr.retryAfter}
		}
		writeJSON(w, aerr.status, body)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// readParams reads a request's parameters the ways Telegram takes them:
// query string, URL-encoded or multipart form, or JSON.
func readParams(r *http.Request) (map[string]string, map[string]*File, error) {
	params := map[string]string{}
	files := map[string]*File{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := io.ReadAll(io.LimitReader(r.Body, maxUploadBytes+1<<20))
	if err != nil {
		return nil, nil, err
	}
	if len(body) == 0 {
		ct = "" // go-telegram/bot sends an empty multipart body for calls without parameters
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	switch ct {
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.NewDecoder(io.LimitReader(r.Body, maxUploadBytes)).Decode(&m); err != nil && err != io.EOF {
			return nil, nil, fmt.Errorf("can't parse JSON body: %v", err)
		}
		for k, v := range m {
			var str string
			if json.Unmarshal(v, &str) == nil {
				params[k] = str
			} else {
				params[k] = string(v)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxUploadBytes); err != nil {
			return nil, nil, fmt.Errorf("can't parse multipart form: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			fh := fhs[0]
			data, err := readFile(fh)
			if err != nil {
				return nil, nil, err
			}
			files[k] = &File{Name: fh.Filename, Data: data}
			params[k] = "attach://" + k
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, nil, err
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
	}
	return params, files, nil
}

func readFile(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func bad(format string, args ...any) *apiError {
	return &apiError{status: 400, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func (s *Server) call(ctx context.Context, name string, params map[string]string, files map[string]*File) (any, *apiError) {
	if name == "getUpdates" {
		return s.getUpdates(ctx, params)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	req := Request{Method: name, Params: params, At: time.Now(), Status: 200}
	result, aerr := s.dispatchLocked(name, params, files)
	if aerr != nil {
		req.Status, req.Error = aerr.status, aerr.desc
		// A malformed request breaks a rule; "message is not modified"
		// answers a well-formed edit that came late, as 403 answers a
		// message to someone who blocked the bot.
		if (aerr.status == 400 || aerr.status == 404) && !strings.Contains(aerr.desc, "message is not modified") {
			s.violation = append(s.violation, fmt.Sprintf("%s %v: %s", name, params, aerr.desc))
		}
	}
	s.requests = append(s.requests, req)
	s.notifyLocked()
	return result, aerr
}

func (s *Server) dispatchLocked(name string, params map[string]string, files map[string]*File) (any, *apiError) {
	m, ok := methods[name]
	if !ok {
		return nil, &apiError{status: 404, desc: "Not Found"}
	}
	for _, p := range m.required {
		if params[p] == "" {
			return nil, bad("parameter %q is required", p)
		}
	}
	for p := range params {
		if !slices.Contains(m.required, p) && !slices.Contains(m.optional, p) {
			return nil, bad("unknown parameter %q", p)
		}
	}
	if f := s.faultLocked(name, params["chat_id"]); f != nil {
		if f.Delay > 0 {
			s.mu.Unlock()
			time.Sleep(f.Delay)
			s.mu.Lock()
		}
		if f.Drop {
			return nil, &apiError{status: 502, desc: "connection dropped", drop: true}
		}
		if f.Status == 429 {
			chatID, _ := strconv.ParseInt(params["chat_id"], 10, 64)
			s.retryTill[chatID] = time.Now().Add(time.Duration(f.RetryAfter) * time.Second)
			return nil, &apiError{status: 429, desc: fmt.Sprintf("Too Many Requests: retry after %d", f.RetryAfter), retryAfter: f.RetryAfter}
		}
		if f.Status != 0 {
			return nil, &apiError{status: f.Status, desc: http.StatusText(f.Status)}
		}
	}
	switch name {
	case "getMe":
		return map[string]any{"id": BotID, "is_bot": true, "first_name": "Thi đua", "username": BotUsername, "can_join_groups": true}, nil
	case "logOut", "close", "deleteWebhook":
		s.webhook = ""
		return true, nil
	case "setWebhook":
		s.webhook = params["url"]
		return true, nil
	case "getWebhookInfo":
		return map[string]any{"url": s.webhook, "has_custom_certificate": false, "pending_update_count": len(s.updates)}, nil
	case "setMyCommands":
		return s.setMyCommandsLocked(params)
	case "deleteMyCommands", "getMyCommands":
		return true, nil
	case "answerCallbackQuery":
		answered, known := s.callbacks[params["callback_query_id"]]
		if !known {
			return nil, bad("query is too old and response timeout expired or query ID is invalid")
		}
		if answered {
			return nil, bad("query is too old and response timeout expired or query ID is invalid")
		}
		if textLen(params["text"]) > maxCallbackAnswer {
			return nil, bad("MESSAGE_TOO_LONG")
		}
		s.callbacks[params["callback_query_id"]] = true
		return true, nil
	case "sendChatAction":
		return true, nil
	case "getFile":
		return map[string]any{"file_id": params["file_id"], "file_unique_id": "u" + params["file_id"]}, nil
	}
	return s.sendLocked(name, params, files)
}

func (s *Server) faultLocked(method, chat string) *Fault {
	chatID, _ := strconv.ParseInt(chat, 10, 64)
	for i := range s.faults {
		r := &s.faults[i]
		if r.count > 0 && (r.method == "" || r.method == method) && (r.chatID == 0 || r.chatID == chatID) {
			r.count--
			f := r.fault
			return &f
		}
	}
	return nil
}

func (s *Server) setMyCommandsLocked(params map[string]string) (any, *apiError) {
	var cmds []map[string]any
	if err := json.Unmarshal([]byte(params["commands"]), &cmds); err != nil {
		return nil, bad("can't parse commands JSON object")
	}
	if len(cmds) > maxCommands {
		return nil, bad("too many commands")
	}
	for _, c := range cmds {
		if err := onlyFields(c, "command", "description"); err != nil {
			return nil, bad("BotCommand: %v", err)
		}
		name, _ := c["command"].(string)
		desc, _ := c["description"].(string)
		if name == "" || len(name) > maxCommandLen || strings.ToLower(name) != name || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			return nil, bad("BOT_COMMAND_INVALID")
		}
		if n := textLen(desc); n < minCommandDescLen || n > maxCommandDescLen {
			return nil, bad("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	scope := "default"
	if raw := params["scope"]; raw != "" {
		var sc map[string]any
		if err := json.Unmarshal([]byte(raw), &sc); err != nil {
			return nil, bad("can't parse BotCommandScope")
		}
		typ, _ := sc["type"].(string)
		need, ok := commandScopes[typ]
		if !ok {
			return nil, bad("unsupported scope type %q", typ)
		}
		if err := onlyFields(sc, append([]string{"type"}, need...)...); err != nil {
			return nil, bad("BotCommandScope: %v", err)
		}
		scope = typ
		for _, f := range need {
			if sc[f] == nil {
				return nil, bad("BotCommandScope: field %q is required", f)
			}
			scope += fmt.Sprintf(":%v", sc[f])
		}
	}
	if lc := params["language_code"]; lc != "" && len(lc) != 2 {
		return nil, bad("invalid language_code")
	}
	s.commands[scope+"/"+params["language_code"]] = params["commands"]
	return true, nil
}

func onlyFields(obj map[string]any, allowed ...string) error {
	for k := range obj {
		if !slices.Contains(allowed, k) {
			return fmt.Errorf("unknown field %q", k)
		}
	}
	return nil
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
	if chatID > 0 && s.blocked[chatID] {
		return nil, &apiError{status: 403, desc: "Forbidden: bot was blocked by the user"}
	}
	if chatID < 0 && !s.groups[chatID] {
		return nil, bad("chat not found")
	}
	kb, aerr := parseKeyboard(params["reply_markup"])
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

func (s *Server) rateLimitLocked(chatID int64) *apiError {
	if t, ok := s.retryTill[chatID]; ok && time.Now().Before(t) {
		s.violation = append(s.violation, fmt.Sprintf("request to chat %d before its retry_after", chatID))
		return &apiError{status: 429, desc: "Too Many Requests: retry after 1", retryAfter: int(time.Until(t).Seconds()) + 1}
	}
	if s.limits == nil {
		return nil
	}
	l, ok := s.perChat[chatID]
	if !ok {
		if chatID < 0 {
			l = rate.NewLimiter(rate.Limit(s.limits.GroupPerMinute/60), s.limits.GroupBurst)
		} else {
			l = rate.NewLimiter(rate.Limit(s.limits.PerChatSecond), s.limits.PerChatBurst)
		}
		s.perChat[chatID] = l
	}
	now := time.Now()
	chat := l.ReserveN(now, 1)
	if wait := chat.DelayFrom(now); wait > 0 {
		chat.CancelAt(now)
		secs := int(wait/time.Second) + 1
		s.retryTill[chatID] = now.Add(time.Duration(secs) * time.Second)
		return &apiError{status: 429, desc: fmt.Sprintf("Too Many Requests: retry after %d", secs), retryAfter: secs}
	}
	if g := s.global.ReserveN(now, 1); g.DelayFrom(now) > 0 {
		g.CancelAt(now)
		chat.CancelAt(now)
		return &apiError{status: 429, desc: "Too Many Requests: retry after 1", retryAfter: 1}
	}
	return nil
}

// parseKeyboard checks an inline keyboard as Telegram would.
func parseKeyboard(raw string) ([][]Button, *apiError) {
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

func (s *Server) getUpdates(ctx context.Context, params map[string]string) (any, *apiError) {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(params["timeout"])
	for p := range params {
		if !slices.Contains(methods["getUpdates"].optional, p) {
			return nil, bad("unknown parameter %q", p)
		}
	}
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	s.mu.Lock()
	s.pollers++
	defer func() { s.pollers--; s.notifyLocked(); s.mu.Unlock() }()
	if f := s.faultLocked("getUpdates", ""); f != nil { // (its Delay is not waited)
		status := cmp.Or(f.Status, http.StatusBadGateway)
		return nil, &apiError{status: status, desc: http.StatusText(status), retryAfter: f.RetryAfter, drop: f.Drop}
	}
	if s.webhook != "" {
		return nil, &apiError{status: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	s.notifyLocked()
	for {
		if s.closed {
			return []json.RawMessage{}, nil
		}
		// An offset confirms every update before it.
		if offset > 0 {
			i := 0
			for i < len(s.updateIDs) && s.updateIDs[i] < offset {
				i++
			}
			s.updates, s.updateIDs = s.updates[i:], s.updateIDs[i:]
		}
		if len(s.updates) > 0 || timeout == 0 {
			n := min(limit, len(s.updates))
			return slices.Clone(s.updates[:n]), nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
			s.mu.Lock()
		case <-deadline.C:
			s.mu.Lock()
			timeout = 0
		case <-ctx.Done():
			s.mu.Lock()
			return nil, &apiError{status: 499, desc: "client went away"}
		}
	}
}
