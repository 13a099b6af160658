package delivery

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// API makes the Bot API call an outbox entry stands for. The sender needs
// nothing else of Telegram, so tests may give it a fake, or Telegram
// backed by the real client against the stand-in (bot/tgtest).
//
// Errors are go-telegram/bot's, since they decide what happens next:
// *tg.TooManyRequestsError waits its retry_after, tg.ErrorForbidden and
// tg.ErrorBadRequest set the message aside for good, others are retried
// with backoff.
type API interface {
	// Call makes the call and returns the id of the message it made, if
	// any (0 for an edit or an answer to a button).
	Call(ctx context.Context, m storage.Message) (messageID int, err error)
}

// callTimeout bounds one call: a call Telegram does not answer is retried
// rather than holding its chat (and a slot of MaxInFlight) for ever.
const callTimeout = 30 * time.Second

// Telegram is the API of a go-telegram/bot client.
type Telegram struct{ client *tg.Bot }

// NewTelegram makes the sender's API of a go-telegram/bot client.
func NewTelegram(client *tg.Bot) *Telegram { return &Telegram{client: client} }

// inlineKeyboard is the bot's own keyboard type: go-telegram/bot's button
// type sends an empty copy_text object, which Telegram refuses.
type inlineKeyboard struct {
	InlineKeyboard [][]storage.Button `json:"inline_keyboard"`
}

func markup(kb [][]storage.Button) models.ReplyMarkup {
	if len(kb) == 0 {
		return nil
	}
	return inlineKeyboard{InlineKeyboard: kb}
}

// Call makes the Bot API call m stands for. It is not cut short when ctx
// ends: the sender stops by letting the calls in flight finish, so that
// their outcome is known and stored.
func (t *Telegram) Call(ctx context.Context, m storage.Message) (int, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), callTimeout)
	defer cancel()
	var sent *models.Message
	var err error
	switch m.Method {
	case storage.MethodSendMessage:
		sent, err = t.client.SendMessage(ctx, &tg.SendMessageParams{
			ChatID: m.ChatID, Text: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard),
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
		})
	case storage.MethodEditText:
		_, err = t.client.EditMessageText(ctx, &tg.EditMessageTextParams{
			ChatID: m.ChatID, MessageID: m.MessageID, Text: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard),
		})
	case storage.MethodEditMarkup:
		_, err = t.client.EditMessageReplyMarkup(ctx, &tg.EditMessageReplyMarkupParams{
			ChatID: m.ChatID, MessageID: m.MessageID, ReplyMarkup: markup(m.Keyboard),
		})
	case storage.MethodAnswerCallback:
		_, err = t.client.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{
			CallbackQueryID: m.CallbackID, Text: m.Text, ShowAlert: m.Alert,
		})
	case storage.MethodSendDocument, storage.MethodSendPhoto:
		var file models.InputFile
		switch {
		case m.Document.FileID != "":
			file = &models.InputFileString{Data: m.Document.FileID}
		case m.Document.Path != "":
			f, err := os.Open(m.Document.Path)
			if err != nil {
				return 0, fmt.Errorf("%w: %v", tg.ErrorBadRequest, err) // the file is gone: no retry helps
			}
			defer f.Close()
			file = &models.InputFileUpload{Filename: m.Document.Name, Data: f}
		default:
			file = &models.InputFileUpload{Filename: m.Document.Name, Data: bytes.NewReader(m.Document.Data)}
		}
		if m.Method == storage.MethodSendPhoto {
			sent, err = t.client.SendPhoto(ctx, &tg.SendPhotoParams{ChatID: m.ChatID, Photo: file, Caption: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard)})
		} else {
			sent, err = t.client.SendDocument(ctx, &tg.SendDocumentParams{ChatID: m.ChatID, Document: file, Caption: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: markup(m.Keyboard)})
		}
	default:
		err = fmt.Errorf("%w %q", ErrUnknownMethod, m.Method)
	}
	if sent != nil {
		return sent.ID, err
	}
	return 0, err
}
