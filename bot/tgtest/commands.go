package tgtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

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

// MenuButton returns the menu button set for a private chat with
// setChatMenuButton (0: the default one): "web_app <url>", "commands",
// "default", or "" when none was set.
func (s *Server) MenuButton(chatID int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.menus[chatID]
}

// setChatMenuButtonLocked checks a MenuButton as Telegram would: one of
// MenuButtonCommands, MenuButtonWebApp (text, and an https web_app) or
// MenuButtonDefault, for a private chat.
func (s *Server) setChatMenuButtonLocked(params map[string]string) (any, *apiError) {
	var chatID int64
	if c := params["chat_id"]; c != "" {
		if _, err := fmt.Sscan(c, &chatID); err != nil || chatID <= 0 {
			return nil, bad("chat_id must be a private chat")
		}
	}
	button := map[string]any{"type": "default"}
	if raw := params["menu_button"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &button); err != nil {
			return nil, bad("can't parse menu button JSON object")
		}
	}
	switch button["type"] {
	case "commands", "default":
		if err := onlyFields(button, "type"); err != nil {
			return nil, bad("MenuButton: %v", err)
		}
		s.menus[chatID] = button["type"].(string)
	case "web_app":
		if err := onlyFields(button, "type", "text", "web_app"); err != nil {
			return nil, bad("MenuButtonWebApp: %v", err)
		}
		text, _ := button["text"].(string)
		info, _ := button["web_app"].(map[string]any)
		u, _ := info["url"].(string)
		if strings.TrimSpace(text) == "" || len(info) != 1 || !isHTTPS(u) {
			return nil, bad("MenuButtonWebApp needs text and an https web_app url")
		}
		s.menus[chatID] = "web_app " + u
	default:
		return nil, bad("unsupported menu button type")
	}
	return true, nil
}
