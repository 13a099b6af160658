package tgtest

// method lists the parameters of one Bot API method, as the official
// reference (Bot API 10.1) gives them: required ones first.
type method struct {
	required []string
	optional []string
}

// methods holds the Bot API methods thiduabot uses. A request for any other
// method is answered 404, as Telegram does, and one with a parameter not
// listed here is refused, so a misspelt parameter fails the test instead of
// being silently ignored.
var methods = map[string]method{
	"getMe":                  {},
	"getUpdates":             {optional: []string{"offset", "limit", "timeout", "allowed_updates"}},
	"logOut":                 {},
	"close":                  {},
	"getFile":                {required: []string{"file_id"}},
	"sendMessage":            {required: []string{"chat_id", "text"}, optional: []string{"business_connection_id", "message_thread_id", "direct_messages_topic_id", "parse_mode", "entities", "link_preview_options", "disable_notification", "protect_content", "allow_paid_broadcast", "message_effect_id", "suggested_post_parameters", "reply_parameters", "reply_markup"}},
	"editMessageText":        {optional: []string{"business_connection_id", "chat_id", "message_id", "inline_message_id", "text", "parse_mode", "entities", "link_preview_options", "rich_message", "reply_markup"}},
	"editMessageReplyMarkup": {optional: []string{"business_connection_id", "chat_id", "message_id", "inline_message_id", "reply_markup"}},
	"answerCallbackQuery":    {required: []string{"callback_query_id"}, optional: []string{"text", "show_alert", "url", "cache_time"}},
	"sendDocument":           {required: []string{"chat_id", "document"}, optional: []string{"business_connection_id", "message_thread_id", "direct_messages_topic_id", "thumbnail", "caption", "parse_mode", "caption_entities", "disable_content_type_detection", "disable_notification", "protect_content", "allow_paid_broadcast", "message_effect_id", "suggested_post_parameters", "reply_parameters", "reply_markup"}},
	"sendPhoto":              {required: []string{"chat_id", "photo"}, optional: []string{"business_connection_id", "message_thread_id", "direct_messages_topic_id", "caption", "parse_mode", "caption_entities", "show_caption_above_media", "has_spoiler", "disable_notification", "protect_content", "allow_paid_broadcast", "message_effect_id", "suggested_post_parameters", "reply_parameters", "reply_markup"}},
	"sendChatAction":         {required: []string{"chat_id", "action"}, optional: []string{"business_connection_id", "message_thread_id"}},
	"setMyCommands":          {required: []string{"commands"}, optional: []string{"scope", "language_code"}},
	"deleteMyCommands":       {optional: []string{"scope", "language_code"}},
	"getMyCommands":          {optional: []string{"scope", "language_code"}},
	"setWebhook":             {required: []string{"url"}, optional: []string{"certificate", "ip_address", "max_connections", "allowed_updates", "drop_pending_updates", "secret_token"}},
	"deleteWebhook":          {optional: []string{"drop_pending_updates"}},
	"getWebhookInfo":         {},
	"setChatMenuButton":      {optional: []string{"chat_id", "menu_button"}},
}

// Limits of the Bot API that the stand-in enforces (from the reference and
// Telegram's FAQ on broadcasting).
const (
	maxTextLen         = 4096 // sendMessage, editMessageText: after entity parsing
	maxCaptionLen      = 1024
	maxCallbackData    = 64 // bytes
	maxCallbackAnswer  = 200
	maxCommandLen      = 32
	minCommandDescLen  = 1
	maxCommandDescLen  = 256
	maxCommands        = 100
	maxUploadBytes     = 50 << 20
	maxButtonsPerRow   = 8
	maxButtonsInMarkup = 100
)

// buttonKinds are the fields of InlineKeyboardButton of which exactly one
// must be used ("text", "icon_custom_emoji_id" and "style" aside).
var buttonKinds = []string{"url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"}

var buttonFields = append([]string{"text", "icon_custom_emoji_id", "style"}, buttonKinds...)

// commandScopes are the valid types of BotCommandScope with the fields
// each needs besides "type".
var commandScopes = map[string][]string{
	"default":                 nil,
	"all_private_chats":       nil,
	"all_group_chats":         nil,
	"all_chat_administrators": nil,
	"chat":                    {"chat_id"},
	"chat_administrators":     {"chat_id"},
	"chat_member":             {"chat_id", "user_id"},
}
