package delivery

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"

	tg "github.com/go-telegram/bot"

	"thiduabot/storage"
)

// ErrUnknownMethod is the failure of an outbox entry whose method this
// program does not know (written by another version): no retry helps.
var ErrUnknownMethod = errors.New("unknown outbox method")

// MaxRefusals is how many times an entry is tried when Telegram refuses it
// for a reason that is not the person's and no wait will change (a 404, a
// 409, another 4xx) before it goes to the dead letters. A 400 or 403 is
// set aside at once (the person blocked the bot, the chat is gone); a 429,
// a 5xx, a 401 or no answer at all (an outage, a revoked token: the bot's
// condition, not the message's) is tried again for as long as it takes.
const MaxRefusals = 5

// telegramStatus finds the status of a refusal the client reports without
// a sentinel error of its own.
var telegramStatus = regexp.MustCompile(`^error response from telegram for method \S+, (\d{3}) `)

// deadLetterKind says whether a failed entry can never be sent, and of
// what kind ("unknown method sendSticker", "sendMessage 404"); "" if it
// may still go.
func deadLetterKind(err error, m storage.Message) string {
	if errors.Is(err, ErrUnknownMethod) {
		return "unknown method " + m.Method
	}
	if m.Attempts+1 < MaxRefusals {
		return ""
	}
	status := 0
	switch {
	case errors.Is(err, tg.ErrorNotFound):
		status = 404
	case errors.Is(err, tg.ErrorConflict):
		status = 409
	default:
		if sub := telegramStatus.FindStringSubmatch(err.Error()); sub != nil {
			status, _ = strconv.Atoi(sub[1])
		}
	}
	if status < 400 || status > 499 || status == 401 || status == 429 {
		return ""
	}
	return fmt.Sprintf("%s %d", m.Method, status)
}
