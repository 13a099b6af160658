package bot

import (
	"encoding/json"
	"strconv"
	"thiduabot/storage"
)

// cmdMyData sends everything stored about the user, as a JSON file
// (Decree 13/2023/NĐ-CP on personal data).
func (b *Bot) cmdMyData(c *Ctx) error {
	ideas, _, err := c.Ideas(storage.IdeaFilter{Author: c.Req.UserID}, 1<<30)
	if err != nil {
		return err
	}
	form, hasForm, err := c.Form(c.Req.UserID)
	if err != nil {
		return err
	}
	data := map[string]any{"member": c.Me, "ideas": ideas}
	if hasForm {
		data["form_in_progress"] = form
	}
	body, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return err
	}
	_, err = c.Enqueue(storage.Message{Method: storage.MethodSendDocument, ChatID: c.Req.ChatID, Text: c.T("mydata.caption"),
		Document: &storage.Document{Name: "thiduabot-" + strconv.FormatInt(c.Req.UserID, 10) + ".json", Data: body}})
	return err
}
