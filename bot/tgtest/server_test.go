package tgtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/bot/tgtest"
)

// call makes a raw Bot API call with form parameters and returns the
// status and description.
func call(t *testing.T, s *tgtest.Server, method string, params url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(s.URL+"/bot"+s.Token+"/"+method, params)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Description string `json:"description"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Description
}

func TestServer_RefusesWhatTelegramRefuses(t *testing.T) {
	s := tgtest.New(t)
	user := tgtest.User{ID: 42, FirstName: "Hoa"}
	s.SendText(user, "/start")
	button := func(b string) string { return `{"inline_keyboard":[[` + b + `]]}` }
	for _, tc := range []struct {
		name   string
		method string
		params url.Values
		status int
		desc   string
	}{
		{"unknown method", "sendMesage", url.Values{"chat_id": {"42"}, "text": {"x"}}, 404, "Not Found"},
		{"missing text", "sendMessage", url.Values{"chat_id": {"42"}}, 400, `"text" is required`},
		{"unknown parameter", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"x"}, "parse_mod": {"HTML"}}, 400, "unknown parameter"},
		{"empty text", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"<b> </b>"}, "parse_mode": {"HTML"}}, 400, "text is empty"},
		{"too long", "sendMessage", url.Values{"chat_id": {"42"}, "text": {strings.Repeat("a", 4097)}}, 400, "too long"},
		{"4096 after entities is fine", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"<b>" + strings.Repeat("&amp;", 4096) + "</b>"}, "parse_mode": {"HTML"}}, 200, ""},
		{"unclosed tag", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"<b>x"}, "parse_mode": {"HTML"}}, 400, "can't parse entities"},
		{"unknown tag", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"<div>x</div>"}, "parse_mode": {"HTML"}}, 400, "unsupported start tag"},
		{"raw ampersand", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"a & b"}, "parse_mode": {"HTML"}}, 400, "must be escaped"},
		{"callback data too long", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"x"}, "reply_markup": {button(`{"text":"a","callback_data":"` + strings.Repeat("x", 65) + `"}`)}}, 400, "BUTTON_DATA_INVALID"},
		{"empty copy_text", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"x"}, "reply_markup": {button(`{"text":"a","callback_data":"x","copy_text":{}}`)}}, 400, "must not be empty"},
		{"button without action", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"x"}, "reply_markup": {button(`{"text":"a"}`)}}, 400, "exactly one"},
		{"never started", "sendMessage", url.Values{"chat_id": {"43"}, "text": {"x"}}, 403, "can't initiate conversation"},
		{"unknown group", "sendMessage", url.Values{"chat_id": {"-100999"}, "text": {"x"}}, 400, "chat not found"},
		{"bad command", "setMyCommands", url.Values{"commands": {`[{"command":"Idea","description":"x"}]`}}, 400, "BOT_COMMAND_INVALID"},
		{"unknown scope", "setMyCommands", url.Values{"commands": {`[{"command":"idea","description":"x"}]`}, "scope": {`{"type":"everyone"}`}}, 400, "unsupported scope"},
		{"good message", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"<b>Xin chào</b> &lt;3"}, "parse_mode": {"HTML"}}, 200, ""},
		{"web_app over http", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"x"}, "reply_markup": {button(`{"text":"a","web_app":{"url":"http://thidua.example.vn/"}}`)}}, 400, "BUTTON_URL_INVALID"},
		{"web_app button", "sendMessage", url.Values{"chat_id": {"42"}, "text": {"x"}, "reply_markup": {button(`{"text":"a","web_app":{"url":"https://thidua.example.vn/"}}`)}}, 200, ""},
		{"menu button without text", "setChatMenuButton", url.Values{"chat_id": {"42"}, "menu_button": {`{"type":"web_app","web_app":{"url":"https://thidua.example.vn/"}}`}}, 400, "needs text"},
		{"menu button for a group", "setChatMenuButton", url.Values{"chat_id": {"-100999"}, "menu_button": {`{"type":"commands"}`}}, 400, "private chat"},
		{"menu button", "setChatMenuButton", url.Values{"chat_id": {"42"}, "menu_button": {`{"type":"web_app","text":"Bảng","web_app":{"url":"https://thidua.example.vn/"}}`}}, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, desc := call(t, s, tc.method, tc.params)
			if status != tc.status || !strings.Contains(desc, tc.desc) {
				t.Errorf("%s = %d %q; want %d containing %q", tc.method, status, desc, tc.status, tc.desc)
			}
		})
	}
	if got := len(s.Violations()); got != 17 {
		t.Errorf("Violations() has %d entries; want 17 (one per refused request but 403)", got)
	}
	if got := s.MenuButton(42); got != "web_app https://thidua.example.vn/" {
		t.Errorf("MenuButton(42) = %q", got)
	}
}

func TestServer_WrongTokenIsUnauthorized(t *testing.T) {
	s := tgtest.New(t)
	resp, err := http.Get(s.URL + "/bot123:wrong/getMe")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("getMe with a wrong token = %d; want 401", resp.StatusCode)
	}
}

// The real client against the stand-in: updates, a button, and 429s.
func TestServer_WithTheRealClient(t *testing.T) {
	s := tgtest.New(t)
	client, err := tg.New(s.Token, tg.WithServerURL(s.URL), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	me, err := client.GetMe(ctx)
	if err != nil || me.Username != tgtest.BotUsername {
		t.Fatalf("GetMe = %v, %v", me, err)
	}
	user := tgtest.User{ID: 42, FirstName: "Hoa"}
	s.SendText(user, "/start")
	_, err = client.SendMessage(ctx, &tg.SendMessageParams{ChatID: 42, Text: "Chọn", ReplyMarkup: map[string]any{
		"inline_keyboard": [][]map[string]string{{{"text": "Một", "callback_data": "c:1"}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	msgs := s.Messages(42)
	if len(msgs) != 1 || msgs[0].Plain != "Chọn" {
		t.Fatalf("Messages(42) = %+v", msgs)
	}
	if _, err := s.Press(user, msgs[0], "c:2"); err == nil {
		t.Error("pressing a button the message does not have succeeded")
	}
	if _, err := s.Press(user, msgs[0], "c:1"); err != nil {
		t.Fatal(err)
	}

	// The library's own keyboard type sends an empty copy_text: refused.
	_, err = client.SendMessage(ctx, &tg.SendMessageParams{ChatID: 42, Text: "x", ReplyMarkup: models.InlineKeyboardMarkup{
		InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "a", CallbackData: "b"}}},
	}})
	if !errors.Is(err, tg.ErrorBadRequest) {
		t.Errorf("library keyboard = %v; want a bad request (empty copy_text)", err)
	}

	s.Inject("sendMessage", 42, 1, tgtest.Fault{Status: 429, RetryAfter: 3})
	_, err = client.SendMessage(ctx, &tg.SendMessageParams{ChatID: 42, Text: "x"})
	var tooMany *tg.TooManyRequestsError
	if !errors.As(err, &tooMany) || tooMany.RetryAfter != 3 {
		t.Errorf("injected 429 = %v; want retry_after 3", err)
	}
	// Calling again before retry_after is itself refused and recorded.
	if _, err := client.SendMessage(ctx, &tg.SendMessageParams{ChatID: 42, Text: "x"}); !errors.As(err, &tooMany) {
		t.Errorf("call before retry_after = %v; want 429", err)
	}
	if v := s.Violations(); len(v) != 2 || !strings.Contains(v[1], "before its retry_after") {
		t.Errorf("Violations() = %q; want the copy_text refusal and the early call", v)
	}
}
