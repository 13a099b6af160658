package bot

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
)

// HTML is text that is already safe to show: T does not escape it.
type HTML string

// texts is the catalogue of everything the bot says, in Vietnamese (the
// default) and English. Arguments that are strings are escaped by T, so
// nothing a user typed can break a message's HTML.
var texts = map[string][2]string{
	// Welcome, help, language.
	"start.guest": {
		"Xin chào %s! Đây là trợ lý của phong trào thi đua <b>«Thực hành tiết kiệm, chống lãng phí; phát triển kết cấu hạ tầng đồng bộ, hiện đại»</b> tại %s.\n\nĐể tham gia, hãy mở đường liên kết mời do trưởng đơn vị của bạn gửi. Gõ /help để xem hướng dẫn.",
		"Hello %s! This is the assistant of the emulation movement <b>“Practise thrift, fight waste; build modern infrastructure”</b> at %s.\n\nTo take part, open the invite link your unit head sent you. Type /help for guidance.",
	},
	"start.member": {
		"Chào %s! Bạn là %s. Gõ /help để xem những việc bạn có thể làm.",
		"Hello %s! You are %s. Type /help to see what you can do.",
	},
	"start.pending": {
		"Yêu cầu gia nhập %s của bạn đang chờ duyệt. Bạn sẽ được báo ngay khi có kết quả.",
		"Your request to join %s is waiting for approval. You will be told as soon as it is decided.",
	},
	"help.title":     {"<b>%s – phong trào thi đua</b>\nBạn có thể dùng các lệnh sau:", "<b>%s – emulation movement</b>\nYou can use these commands:"},
	"help.footer":    {"\n\nĐang nhập dở một biểu mẫu? Gõ /cancel để hủy.", "\n\nIn the middle of a form? Type /cancel to leave it."},
	"cmd.start":      {"Bắt đầu, gia nhập đơn vị", "Start, join a unit"},
	"cmd.help":       {"Hướng dẫn sử dụng", "How to use the bot"},
	"cmd.idea":       {"Gửi sáng kiến, đề xuất tiết kiệm", "Submit a savings idea"},
	"cmd.ideas":      {"Danh sách sáng kiến", "List ideas"},
	"cmd.invite":     {"Tạo đường liên kết mời vào đơn vị", "Make an invite link for a unit"},
	"cmd.members":    {"Thành viên và yêu cầu gia nhập", "Members and join requests"},
	"cmd.lang":       {"Đổi ngôn ngữ (vi, en)", "Change language (vi, en)"},
	"cmd.mydata":     {"Dữ liệu cá nhân bot lưu về bạn", "Everything stored about you"},
	"cmd.cancel":     {"Hủy thao tác đang nhập", "Leave the current form"},
	"mydata.caption": {"Toàn bộ dữ liệu bot lưu về bạn (theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân).", "Everything the bot stores about you (personal data protection, Decree 13/2023/NĐ-CP)."},
	"lang.set":       {"Đã chuyển sang tiếng Việt.", "Language set to English."},
	"lang.usage":     {"Chọn ngôn ngữ: /lang vi (tiếng Việt) hoặc /lang en (English).", "Choose a language: /lang vi (Vietnamese) or /lang en (English)."},
	"cancel.done": {
		"Đã hủy. Những gì đang nhập dở không được lưu.",
		"Cancelled. Nothing of the unfinished form was saved.",
	},
	"cancel.none": {"Không có thao tác nào đang mở.", "There is no form open."},
	"group.private": {
		"Vui lòng nhắn riêng cho bot (@%s) để dùng lệnh này.",
		"Please message the bot (@%s) privately to use this command.",
	},
	"unknown": {
		"Bot chưa hiểu tin nhắn này. Gõ /help để xem các lệnh.",
		"The bot did not understand that. Type /help to see the commands.",
	},

	// Roles.
	"role.guest":    {"khách", "a guest"},
	"role.staff":    {"cán bộ %s", "a member of %s"},
	"role.head":     {"trưởng đơn vị %s", "the head of %s"},
	"role.director": {"lãnh đạo Sở", "a director"},
	"role.admin":    {"thường trực thi đua", "an admin of the movement"},

	// Joining.
	"join.ask_name": {
		"Bạn đang xin gia nhập <b>%s</b>.\nVui lòng nhập họ và tên đầy đủ, có dấu (ví dụ: Nguyễn Thị Hoa).",
		"You are asking to join <b>%s</b>.\nPlease type your full name (for example: Nguyen Thi Hoa).",
	},
	"join.sent": {
		"Đã gửi yêu cầu gia nhập %s. Bạn sẽ được báo khi trưởng đơn vị duyệt.",
		"Your request to join %s was sent. You will be told when the unit head decides.",
	},
	"join.request": {
		"<b>Yêu cầu gia nhập %s</b>\nHọ và tên: <b>%s</b>\nTelegram: %s\nGửi lúc: %s",
		"<b>Request to join %s</b>\nFull name: <b>%s</b>\nTelegram: %s\nSent: %s",
	},
	"join.approve": {"✅ Duyệt", "✅ Approve"},
	"join.decline": {"❌ Từ chối", "❌ Decline"},
	"join.approved": {
		"Chúc mừng! Bạn đã được duyệt vào <b>%s</b>. Gõ /idea để gửi sáng kiến đầu tiên, hoặc /help để xem hướng dẫn.",
		"Welcome! You have been approved to join <b>%s</b>. Type /idea to submit your first idea, or /help for guidance.",
	},
	"join.declined": {
		"Rất tiếc, yêu cầu gia nhập %s chưa được chấp thuận. Nếu có nhầm lẫn, vui lòng liên hệ trưởng đơn vị.",
		"Sorry, your request to join %s was declined. If this is a mistake, please contact the unit head.",
	},
	"join.approved_by": {"✅ Đã duyệt %s vào %s (%s, %s).", "✅ %s approved to join %s (%s, %s)."},
	"join.declined_by": {"❌ Đã từ chối yêu cầu của %s vào %s (%s, %s).", "❌ %s declined for %s (%s, %s)."},
	"join.already":     {"Bạn đã là thành viên của %s.", "You are already a member of %s."},

	// Invites.
	"invite.link": {
		"Đường liên kết mời vào <b>%s</b> (dùng được đến %s):\n%s\n\nGửi đường liên kết này cho cán bộ của đơn vị; mỗi yêu cầu gia nhập sẽ chờ bạn duyệt.",
		"Invite link for <b>%s</b> (valid until %s):\n%s\n\nSend it to the unit's staff; each request to join will wait for your approval.",
	},
	"invite.usage": {"Cách dùng: /invite MÃ_ĐƠN_VỊ (ví dụ /invite VP). Các đơn vị: %s", "Usage: /invite UNIT_CODE (for example /invite VP). Units: %s"},

	// Members.
	"members.title":    {"<b>Thành viên %s</b> (%d)", "<b>Members of %s</b> (%d)"},
	"members.pending":  {"\n\n<b>Chờ duyệt</b> (%d):", "\n\n<b>Waiting for approval</b> (%d):"},
	"members.none":     {"Chưa có thành viên nào.", "No members yet."},
	"members.line":     {"• %s – %s%s  /m_%d", "• %s – %s%s  /m_%d"},
	"members.head":     {" (trưởng đơn vị)", " (head)"},
	"members.inactive": {" (đã ngừng)", " (deactivated)"},
	"members.more":     {"\n… và %d người khác. Xem từng đơn vị: /members MÃ_ĐƠN_VỊ", "\n… and %d more. One unit at a time: /members UNIT_CODE"},
	"members.card": {
		"<b>%s</b>\nĐơn vị: %s\nVai trò: %s\nTrạng thái: %s\nTelegram: %s\nGia nhập: %s",
		"<b>%s</b>\nUnit: %s\nRole: %s\nStatus: %s\nTelegram: %s\nJoined: %s",
	},
	"members.make_head":   {"⭐ Giao làm trưởng đơn vị", "⭐ Make unit head"},
	"members.make_staff":  {"Thôi làm trưởng đơn vị", "No longer unit head"},
	"members.deactivate":  {"🚫 Ngừng hoạt động", "🚫 Deactivate"},
	"members.move":        {"➡️ Chuyển sang %s", "➡️ Move to %s"},
	"members.done":        {"Đã cập nhật: %s – %s, %s.", "Updated: %s – %s, %s."},
	"members.you_changed": {"Thông tin thành viên của bạn đã được cập nhật: %s (%s, %s).", "Your membership was updated: %s (%s, %s)."},
	"members.usage":       {"Cách dùng: /members MÃ_ĐƠN_VỊ. Các đơn vị: %s", "Usage: /members UNIT_CODE. Units: %s"},
	"status.pending":      {"chờ duyệt", "waiting for approval"},
	"status.active":       {"đang hoạt động", "active"},
	"status.inactive":     {"đã ngừng", "deactivated"},
	"status.guest":        {"khách", "guest"},

	// Ideas.
	"idea.ask_theme": {
		"<b>Gửi sáng kiến</b> (bước 1/4). Sáng kiến thuộc nội dung nào?",
		"<b>New idea</b> (step 1/4). Which part of the movement does it serve?",
	},
	"idea.ask_title": {
		"Bước 2/4. Nhập <b>tên sáng kiến</b> (tối đa %d ký tự).",
		"Step 2/4. Type the idea's <b>title</b> (at most %d characters).",
	},
	"idea.ask_desc": {
		"Bước 3/4. <b>Mô tả</b> sáng kiến: hiện trạng, giải pháp, cách làm (tối đa %d ký tự).",
		"Step 3/4. <b>Describe</b> the idea: the situation, the solution, how to do it (at most %d characters).",
	},
	"idea.ask_savings": {
		"Bước 4/4. <b>Số tiền ước tính tiết kiệm được mỗi năm</b> (đồng), ví dụ 15.000.000, 1,5 tr hoặc 2 triệu. Nhập 0 nếu chưa ước tính được.",
		"Step 4/4. <b>Estimated savings per year</b> (VND), for example 15.000.000, 1,5 tr or 2 triệu. Type 0 if you cannot estimate yet.",
	},
	"idea.confirm": {
		"<b>Kiểm tra lại sáng kiến</b>\nNội dung: %s\nTên: <b>%s</b>\nMô tả: %s\nƯớc tính tiết kiệm: %s/năm\n\nGửi sáng kiến này?",
		"<b>Check your idea</b>\nTheme: %s\nTitle: <b>%s</b>\nDescription: %s\nEstimated savings: %s/year\n\nSubmit this idea?",
	},
	"idea.send":   {"✅ Gửi", "✅ Submit"},
	"idea.cancel": {"✖️ Hủy", "✖️ Cancel"},
	"idea.saved": {
		"✅ Đã lưu sáng kiến <b>%s</b>: %s.\nTrưởng đơn vị sẽ xem xét; bạn sẽ được báo mỗi khi có thay đổi. Xem lại: /sk_%d",
		"✅ Idea <b>%s</b> saved: %s.\nYour unit head will review it; you will be told of every change. Open it: /sk_%d",
	},
	"idea.new_for_head": {
		"📥 Sáng kiến mới <b>%s</b> của %s (%s):\n<b>%s</b>\nƯớc tính tiết kiệm: %s/năm\nXem: /sk_%d",
		"📥 New idea <b>%s</b> by %s (%s):\n<b>%s</b>\nEstimated savings: %s/year\nOpen: /sk_%d",
	},
	"idea.card": {
		"<b>%s – %s</b>\nTác giả: %s (%s)\nNội dung: %s\nTrạng thái: <b>%s</b>\nƯớc tính tiết kiệm: %s/năm\nGửi lúc: %s\n\n%s",
		"<b>%s – %s</b>\nAuthor: %s (%s)\nTheme: %s\nStatus: <b>%s</b>\nEstimated savings: %s/year\nSubmitted: %s\n\n%s",
	},
	"idea.history":      {"\n\n<b>Lịch sử</b>", "\n\n<b>History</b>"},
	"idea.history_line": {"\n%s – %s (%s)", "\n%s – %s (%s)"},
	"ideas.title":       {"<b>%s</b> (%d)", "<b>%s</b> (%d)"},
	"ideas.mine":        {"Sáng kiến của bạn", "Your ideas"},
	"ideas.unit":        {"Sáng kiến của %s", "Ideas of %s"},
	"ideas.all":         {"Tất cả sáng kiến", "All ideas"},
	"ideas.line":        {"\n/sk_%d %s – <i>%s</i>", "\n/sk_%d %s – <i>%s</i>"},
	"ideas.none":        {"Chưa có sáng kiến nào. Gõ /idea để gửi sáng kiến.", "No ideas yet. Type /idea to submit one."},
	"ideas.more":        {"\n\n… và %d sáng kiến khác.", "\n\n… and %d more."},
	"ideas.filters": {
		"\n\nLọc theo trạng thái: /ideas submitted, endorsed, accepted, in_progress, done, returned, rejected, withdrawn; theo nội dung: /ideas thrift hoặc /ideas infrastructure.",
		"\n\nFilter by status: /ideas submitted, endorsed, accepted, in_progress, done, returned, rejected, withdrawn; by theme: /ideas thrift or /ideas infrastructure.",
	},
	"theme.thrift":         {"Thực hành tiết kiệm, chống lãng phí", "Practise thrift, fight waste"},
	"theme.infrastructure": {"Phát triển kết cấu hạ tầng đồng bộ, hiện đại", "Modern infrastructure"},
	"idea.submitted":       {"đã nộp", "submitted"},
	"idea.endorsed":        {"đơn vị đề xuất", "endorsed by the unit"},
	"idea.returned":        {"trả lại để bổ sung", "returned for changes"},
	"idea.rejected":        {"không được chấp nhận", "rejected"},
	"idea.accepted":        {"được công nhận", "accepted"},
	"idea.in_progress":     {"đang thực hiện", "in progress"},
	"idea.done":            {"hoàn thành", "done"},
	"idea.withdrawn":       {"đã rút", "withdrawn"},

	// Forms.
	"form.stale":    {"Biểu mẫu này đã đóng.", "This form is closed."},
	"form.replaced": {"(Biểu mẫu đang nhập dở trước đó đã được thay bằng biểu mẫu mới.)", "(The form you had open was replaced by this new one.)"},
	"form.choose":   {"Vui lòng chọn bằng nút bên dưới.", "Please choose with the buttons below."},

	// Delivery.
	"undeliverable.person": {
		"⚠️ %s (%s) chưa mở trò chuyện với bot hoặc đã chặn bot, nên không nhận được thông báo và lời nhắc. Hãy nhắc người này mở @%s và bấm «Bắt đầu» (Start).",
		"⚠️ %s (%s) has not started the bot or has blocked it, and cannot receive notifications or reminders. Please ask them to open @%s and press Start.",
	},
	"undeliverable.instead": {
		"(Gửi thay cho %s, người hiện chưa nhận được tin nhắn của bot.)\n\n",
		"(Sent to you instead of %s, who cannot receive the bot's messages yet.)\n\n",
	},

	// Refusals and errors.
	"err.forbidden":        {"Xin lỗi, bạn không có quyền thực hiện việc này.", "Sorry, you are not allowed to do this."},
	"err.guest":            {"Bạn chưa là thành viên. Hãy mở đường liên kết mời của đơn vị để xin gia nhập.", "You are not a member yet. Open your unit's invite link to ask to join."},
	"err.internal":         {"Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.", "Sorry, something went wrong. Please try again in a few minutes."},
	"err.name_short":       {"Họ và tên quá ngắn. Vui lòng nhập đầy đủ họ và tên.", "The name is too short. Please type your full name."},
	"err.name_long":        {"Họ và tên dài quá %d ký tự.", "The name is longer than %d characters."},
	"err.name_chars":       {"Họ và tên chỉ gồm chữ cái và khoảng trắng.", "A name has only letters and spaces."},
	"err.already_member":   {"Bạn đã là thành viên của %s.", "You are already a member of %s."},
	"err.unknown_unit":     {"Không có đơn vị mã %q.", "There is no unit with code %q."},
	"err.member_not_found": {"Không tìm thấy thành viên này.", "That member was not found."},
	"err.join_decided":     {"Yêu cầu này đã được xử lý trước đó.", "This request was already decided."},
	"err.bad_role":         {"Vai trò không hợp lệ.", "Not a valid role."},
	"err.member_inactive":  {"Thành viên này không còn hoạt động.", "This member is no longer active."},
	"err.deactivate_self":  {"Bạn không thể tự ngừng hoạt động của mình.", "You cannot deactivate yourself."},
	"err.invite_unknown":   {"Đường liên kết mời không đúng. Vui lòng xin trưởng đơn vị đường liên kết mới.", "This invite link is not valid. Please ask your unit head for a new one."},
	"err.invite_expired":   {"Đường liên kết mời đã hết hạn. Vui lòng xin trưởng đơn vị đường liên kết mới.", "This invite link has expired. Please ask your unit head for a new one."},
	"err.bad_theme":        {"Vui lòng chọn nội dung của sáng kiến bằng nút bên dưới.", "Please choose the idea's theme with the buttons below."},
	"err.title_empty":      {"Tên sáng kiến không được để trống.", "The title must not be empty."},
	"err.title_long":       {"Tên sáng kiến tối đa %d ký tự (bạn nhập %d). Vui lòng rút gọn.", "A title has at most %d characters (yours has %d). Please shorten it."},
	"err.desc_empty":       {"Mô tả không được để trống.", "The description must not be empty."},
	"err.desc_long":        {"Mô tả tối đa %d ký tự (bạn nhập %d). Vui lòng rút gọn.", "A description has at most %d characters (yours has %d). Please shorten it."},
	"err.money_format":     {"Số tiền chưa đúng. Hãy nhập số đồng, ví dụ 1.500.000, 1,5 tr, 2 triệu hoặc 2000000 đ (nhập 0 nếu chưa ước tính).", "That amount is not clear. Type it in VND, for example 1.500.000, 1,5 tr, 2 triệu or 2000000 đ (0 if unknown)."},
	"err.money_negative":   {"Số tiền không được âm.", "The amount must not be negative."},
	"err.money_fraction":   {"Số tiền phải là số đồng nguyên.", "The amount must be a whole number of đồng."},
	"err.money_range":      {"Số tiền quá lớn (tối đa 1.000 tỷ đồng).", "The amount is too large (at most 1,000 billion VND)."},
	"err.idea_not_found":   {"Không tìm thấy sáng kiến %s.", "Idea %s was not found."},
	"err.bad_filter":       {"Không hiểu bộ lọc %q.", "Unknown filter %q."},
	"err.text_expected":    {"Vui lòng nhập bằng chữ.", "Please answer with text."},
}

// Languages the bot speaks; the first is the default.
var languages = []string{"vi", "en"}

// T returns the text key in lang with args filled in. String arguments are
// escaped for HTML; HTML arguments are not.
func T(lang, key string, args ...any) string {
	pair, ok := texts[key]
	if !ok {
		return key
	}
	format := pair[0]
	if lang == "en" {
		format = pair[1]
	}
	if len(args) == 0 {
		return format
	}
	safe := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			safe[i] = html.EscapeString(v)
		case HTML:
			safe[i] = string(v)
		default:
			safe[i] = v
		}
	}
	return fmt.Sprintf(format, safe...)
}

// FormatVND writes an amount the Vietnamese way: 1.500.000 đ.
func FormatVND(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String() + " đ"
	}
	return b.String() + " đ"
}

// FormatTime writes a time as the organisation reads it: dd/mm/yyyy HH:MM.
func FormatTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("02/01/2006 15:04")
}
