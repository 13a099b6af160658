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
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
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

// Request is a call the bot made, with the answer it got.
type Request struct {
	Method string
	Params map[string]string
	At     time.Time
	Status int    // HTTP status of the answer: 200, 400, 403, 429…
	Error  string // the description of a refusal
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
	menus     map[int64]string // menu buttons by chat (0: the default)
	violation []string
	pollers   int
	closed    bool
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
		groups:    map[int64]bool{},
		callbacks: map[string]bool{},
		users:     map[int64]User{},
		perChat:   map[int64]*rate.Limiter{},
		retryTill: map[int64]time.Time{},
		commands:  map[string]string{},
		menus:     map[int64]string{},
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

// Calls counts the calls of method made so far.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Method == method {
			n++
		}
	}
	return n
}

// ForgetRequests drops the record of the calls made so far, for a long
// test that measures the bot's memory rather than the stand-in's.
func (s *Server) ForgetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

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
		// message to someone who never started the bot.
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
	case "setChatMenuButton":
		return s.setChatMenuButtonLocked(params)
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
