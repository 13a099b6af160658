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
	"members.anonymise":   {"🕶 Ẩn danh hóa (người đã nghỉ)", "🕶 Anonymise (has left)"},
	"members.anonymised":  {"🕶 Đã ẩn danh hóa: tên và tài khoản Telegram đã bị xóa; các sáng kiến vẫn thuộc về đơn vị.", "🕶 Anonymised: the name and Telegram handle are erased; the ideas stay with the unit."},
	"err.anonymise_self":  {"Không thể ẩn danh hóa bản thân, lãnh đạo Sở hoặc thường trực thi đua.", "You cannot anonymise yourself, a director or an admin."},
	"err.anonymised":      {"Thành viên này đã được ẩn danh hóa.", "This member is already anonymised."},
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

	// Review.
	"idea.scores":             {"\nĐiểm: tính mới %d, khả năng áp dụng %d, hiệu quả %d – tổng <b>%d</b>/30", "\nScores: novelty %d, applicability %d, benefit %d – total <b>%d</b>/30"},
	"idea.progress_line":      {"\nTiến độ: <b>%d%%</b>, đã tiết kiệm %s", "\nProgress: <b>%d%%</b>, saved so far %s"},
	"btn.endorse":             {"✅ Đề xuất lên Sở", "✅ Endorse"},
	"btn.accept":              {"🏅 Công nhận, chấm điểm", "🏅 Accept and score"},
	"btn.return":              {"↩️ Trả lại", "↩️ Return"},
	"btn.reject":              {"❌ Không chấp nhận", "❌ Reject"},
	"btn.edit":                {"✏️ Sửa và gửi lại", "✏️ Edit and resubmit"},
	"btn.progress":            {"📈 Báo cáo tiến độ", "📈 Report progress"},
	"btn.withdraw":            {"🗑 Rút sáng kiến", "🗑 Withdraw"},
	"btn.withdraw_yes":        {"Đúng, rút sáng kiến", "Yes, withdraw it"},
	"btn.keep":                {"Giữ nguyên", "Keep as is"},
	"btn.skip":                {"Bỏ qua", "Skip"},
	"btn.prev":                {"◀️ Trước", "◀️ Previous"},
	"btn.next":                {"Tiếp ▶️", "Next ▶️"},
	"review.empty":            {"Không có sáng kiến nào chờ bạn xem xét.", "No ideas are waiting for your review."},
	"review.title":            {"<b>Sáng kiến chờ bạn xem xét: %d</b>", "<b>Ideas waiting for your review: %d</b>"},
	"review.card":             {"📋 Chờ xem xét", "📋 Waiting for review"},
	"review.more":             {"… và %d sáng kiến khác; gõ /review lần nữa sau khi xử lý.", "… and %d more; type /review again when done."},
	"withdraw.confirm":        {"Rút sáng kiến %s «%s»? Sáng kiến đã rút không thể gửi lại.", "Withdraw idea %s “%s”? A withdrawn idea cannot be sent again."},
	"reason.ask.return":       {"Nhập lý do trả lại %s để tác giả bổ sung (tối đa %d ký tự).", "Type why %s goes back to its author, and what to change (at most %d characters)."},
	"reason.ask.reject":       {"Nhập lý do không chấp nhận %s (tối đa %d ký tự).", "Type why %s is rejected (at most %d characters)."},
	"score.ask.novelty":       {"Chấm điểm %s (1–10). Bước 1/3: <b>tính mới</b>?", "Scoring %s (1–10). Step 1/3: <b>novelty</b>?"},
	"score.ask.applicability": {"Bước 2/3: <b>khả năng áp dụng</b> của %s?", "Step 2/3: <b>applicability</b> of %s?"},
	"score.ask.benefit":       {"Bước 3/3: <b>hiệu quả, lợi ích</b> của %s?", "Step 3/3: <b>benefit</b> of %s?"},
	"decided.endorse":         {"✅ Đã đề xuất %s «%s» lên lãnh đạo Sở.", "✅ %s “%s” endorsed to the directors."},
	"decided.return":          {"↩️ Đã trả lại %s «%s» cho tác giả.", "↩️ %s “%s” returned to its author."},
	"decided.reject":          {"❌ Đã không chấp nhận %s «%s».", "❌ %s “%s” rejected."},
	"decided.accept":          {"🏅 Đã công nhận %s «%s».", "🏅 %s “%s” accepted."},
	"decided.withdraw":        {"🗑 Đã rút %s «%s».", "🗑 %s “%s” withdrawn."},
	"author.endorse":          {"✅ Sáng kiến %s «%s» đã được đơn vị đề xuất lên Sở (%s).", "✅ Your idea %s “%s” was endorsed by your unit (%s)."},
	"author.return":           {"↩️ Sáng kiến %s «%s» được trả lại để bổ sung (%s).", "↩️ Your idea %s “%s” was returned for changes (%s)."},
	"author.reject":           {"❌ Sáng kiến %s «%s» không được chấp nhận (%s).", "❌ Your idea %s “%s” was rejected (%s)."},
	"author.accept":           {"🏅 Chúc mừng! Sáng kiến %s «%s» đã được công nhận (%s).", "🏅 Congratulations! Your idea %s “%s” was accepted (%s)."},
	"author.reason":           {"\nLý do: %s", "\nReason: %s"},
	"director.endorsed":       {"📨 Sáng kiến được %s đề xuất", "📨 Idea endorsed by %s"},
	"director.withdrawn":      {"🗑 Sáng kiến %s «%s» đã được tác giả %s rút lại.", "🗑 Idea %s “%s” was withdrawn by its author %s."},
	"head.new_idea":           {"📥 Sáng kiến mới của %s", "📥 New idea by %s"},
	"head.new_idea.digest":    {"📥 <b>%d sáng kiến mới</b> chờ bạn xem xét:\n", "📥 <b>%d new ideas</b> for you to review:\n"},
	"head.new_idea.line":      {"\n/sk_%d <b>%s</b> – %s, ước tính %s/năm", "\n/sk_%d <b>%s</b> – %s, est. %s/year"},
	"head.new_idea.digest_end": {
		"\n\nChạm vào mã để mở từng sáng kiến, hoặc /review để duyệt cả hàng chờ.",
		"\n\nTap a code to open an idea, or /review to go through the whole queue.",
	},
	"head.accepted":    {"🏅 Sáng kiến %s «%s» của đơn vị đã được công nhận.", "🏅 Your unit's idea %s “%s” was accepted."},
	"head.rejected":    {"❌ Lãnh đạo Sở không chấp nhận sáng kiến %s «%s». Lý do: %s", "❌ The directors rejected %s “%s”. Reason: %s"},
	"head.withdrawn":   {"🗑 Sáng kiến %s «%s» đã được tác giả %s rút lại.", "🗑 Idea %s “%s” was withdrawn by its author %s."},
	"head.done":        {"🎯 Sáng kiến %s «%s» đã hoàn thành, tiết kiệm được %s.", "🎯 Idea %s “%s” is done, saving %s."},
	"group.accepted":   {"🏅 <b>Sáng kiến được công nhận</b>\n%s «%s» của %s (%s), %d/30 điểm. Xin chúc mừng!", "🏅 <b>Initiative accepted</b>\n%s “%s” by %s (%s), %d/30 points. Congratulations!"},
	"group.done":       {"🎯 <b>Sáng kiến hoàn thành</b>\n%s «%s» của %s (%s) đã tiết kiệm được <b>%s</b>.", "🎯 <b>Initiative done</b>\n%s “%s” by %s (%s) has saved <b>%s</b>."},
	"edit.intro":       {"✏️ Sửa sáng kiến %s rồi gửi lại. Ở mỗi bước, bấm «Giữ nguyên» để không đổi.", "✏️ Edit idea %s and send it again. At each step, press “Keep as is” to leave it."},
	"edit.current":     {"\n\nHiện tại: <i>%s</i>", "\n\nNow: <i>%s</i>"},
	"idea.resubmitted": {"✅ Đã gửi lại sáng kiến <b>%s</b>: %s. Xem lại: /sk_%d", "✅ Idea <b>%s</b> sent again: %s. Open it: /sk_%d"},
	"ideas.page":       {"\n(%d–%d trong %d)", "\n(%d–%d of %d)"},

	// Progress.
	"progress.none":        {"Bạn chưa có sáng kiến nào đã được công nhận để báo cáo tiến độ.", "You have no accepted idea to report progress on."},
	"progress.pick":        {"Chọn sáng kiến để báo cáo tiến độ:", "Pick the idea to report progress on:"},
	"progress.ask_percent": {"Tiến độ %s (lần trước %d%%). Nhập <b>phần trăm hoàn thành</b>, từ 0 đến 100.", "Progress of %s (last time %d%%). Type the <b>percent done</b>, from 0 to 100."},
	"progress.ask_saved":   {"Nhập <b>tổng số tiền đã thực sự tiết kiệm được</b> đến nay (đồng), ví dụ 3.500.000 hoặc 3,5 tr.", "Type the <b>money actually saved so far</b>, in all (VND), for example 3.500.000 or 3,5 tr."},
	"progress.ask_note":    {"Ghi chú ngắn về tiến độ (hoặc bấm Bỏ qua).", "A short note on the progress (or press Skip)."},
	"progress.saved":       {"📈 Đã ghi nhận tiến độ %s: %d%%, đã tiết kiệm %s.", "📈 Progress of %s saved: %d%%, %s saved so far."},

	// Praise.
	"btn.person":         {"👤 Cá nhân", "👤 A person"},
	"btn.unit":           {"🏢 Tập thể (đơn vị)", "🏢 A unit"},
	"praise.whom":        {"<b>Biểu dương</b>: cá nhân hay tập thể?", "<b>Praise</b>: a person or a unit?"},
	"praise.pick_unit":   {"Chọn đơn vị được biểu dương:", "Pick the unit to praise:"},
	"praise.ask_name":    {"Nhập tên (hoặc một phần tên) người được biểu dương.", "Type the name (or part of it) of the person to praise."},
	"praise.no_match":    {"Không tìm thấy ai có tên chứa «%s». Nhập lại tên khác.", "Nobody's name contains “%s”. Try another name."},
	"praise.pick_person": {"Chọn người được biểu dương:", "Pick the person to praise:"},
	"praise.ask_reason":  {"Nhập nội dung biểu dương (tối đa %d ký tự).", "Type what the praise is for (at most %d characters)."},
	"praise.you":         {"🎉 Bạn được %s biểu dương: %s", "🎉 You were praised by %s: %s"},
	"praise.your_unit":   {"🎉 %s được %s biểu dương: %s", "🎉 %s was praised by %s: %s"},
	"praise.done":        {"🎉 Đã biểu dương %s.", "🎉 %s praised."},
	"group.praise":       {"🎉 <b>Biểu dương</b>\n%s biểu dương %s: %s", "🎉 <b>Praise</b>\n%s praises %s: %s"},

	// Waste reports.
	"waste.ask":                   {"<b>Phản ánh lãng phí</b>. Mô tả điều bạn thấy: ở đâu, khi nào, lãng phí gì (tối đa %d ký tự). Tên bạn chỉ thường trực thi đua và lãnh đạo Sở được biết.", "<b>Report waste</b>. Describe what you saw: where, when, what is wasted (at most %d characters). Only the movement's office and the directors will know your name."},
	"waste.ask_photo":             {"Gửi kèm một ảnh (không bắt buộc), hoặc bấm Bỏ qua.", "Send a photo (optional), or press Skip."},
	"waste.saved":                 {"✅ Đã nhận phản ánh <b>%s</b>. Bạn sẽ được báo khi có kết quả xử lý. Xem lại: /pa_%d", "✅ Report <b>%s</b> received. You will be told how it is handled. Open it: /pa_%d"},
	"waste.new":                   {"🚨 Phản ánh lãng phí mới", "🚨 New waste report"},
	"waste.anonymous":             {"(được giữ kín)", "(kept confidential)"},
	"waste.card":                  {"<b>%s</b> – %s\nNgười phản ánh: %s\nLúc: %s\n\n%s", "<b>%s</b> – %s\nReported by: %s\nAt: %s\n\n%s"},
	"waste.has_photo":             {"\n📷 Có ảnh kèm theo.", "\n📷 A photo is attached."},
	"waste.outcome":               {"\nKết quả: %s", "\nOutcome: %s"},
	"waste.received":              {"đã tiếp nhận", "received"},
	"waste.checking":              {"đang kiểm tra", "being checked"},
	"waste.handled":               {"đã xử lý", "handled"},
	"waste.dismissed":             {"không xác đáng", "dismissed"},
	"btn.checking":                {"🔎 Đang kiểm tra", "🔎 Checking"},
	"btn.handled":                 {"✅ Đã xử lý", "✅ Handled"},
	"btn.dismiss":                 {"✖️ Không xác đáng", "✖️ Dismiss"},
	"btn.publish":                 {"📢 Công khai trong nhóm", "📢 Publish in the group"},
	"btn.no_publish":              {"Không công khai", "Do not publish"},
	"wastes.none":                 {"Không có phản ánh nào đang chờ xử lý.", "No waste reports are open."},
	"wastes.title":                {"<b>Phản ánh lãng phí đang xử lý: %d</b>", "<b>Open waste reports: %d</b>"},
	"wastes.line":                 {"\n/pa_%d %s – <i>%s</i>", "\n/pa_%d %s – <i>%s</i>"},
	"waste.ask_outcome.handled":   {"Nhập kết quả xử lý %s (tối đa %d ký tự).", "Type how %s was handled (at most %d characters)."},
	"waste.ask_outcome.dismissed": {"Nhập lý do %s không xác đáng (tối đa %d ký tự).", "Type why %s is dismissed (at most %d characters)."},
	"waste.ask_publish":           {"Công khai kết quả trong nhóm cán bộ? (Không nêu tên người phản ánh.)", "Publish the outcome in the staff group? (The reporter is not named.)"},
	"waste.moved":                 {"Đã cập nhật %s: %s.", "%s updated: %s."},
	"waste.reporter_told":         {"📣 Phản ánh %s của bạn: %s.", "📣 Your report %s: %s."},
	"group.waste_handled":         {"📣 <b>Kết quả xử lý phản ánh lãng phí %s</b>\n%s\n\nKết quả: %s", "📣 <b>Waste report %s handled</b>\n%s\n\nOutcome: %s"},

	// Leaderboard.
	"period.month":    {"tháng %s", "month %s"},
	"period.quarter":  {"quý %s", "quarter %s"},
	"period.year":     {"năm %d", "year %d"},
	"lb.title":        {"🏆 <b>Bảng xếp hạng thi đua %s</b>", "🏆 <b>Leaderboard, %s</b>"},
	"lb.empty":        {"\n\nChưa có điểm nào trong kỳ này. Hãy gửi sáng kiến: /idea", "\n\nNo points yet in this period. Submit an idea: /idea"},
	"lb.members":      {"\n\n<b>Cá nhân</b>", "\n\n<b>People</b>"},
	"lb.member_line":  {"\n%s %s (%s) – %d điểm", "\n%s %s (%s) – %d points"},
	"lb.you":          {"\n…\nBạn xếp thứ %d/%d với %d điểm.", "\n…\nYou are number %d of %d (score %d)."},
	"lb.units":        {"\n\n<b>Tập thể</b>", "\n\n<b>Units</b>"},
	"lb.unit_line":    {"\n%s %s – %d điểm", "\n%s %s – %d points"},
	"lb.chart_title":  {"Điểm thi đua của các đơn vị, %s", "Units' points, %s"},
	"cmd.leaderboard": {"Bảng xếp hạng (tháng, quý, năm)", "Leaderboard (month, quarter, year)"},
	"err.lb_period":   {"Chọn kỳ: /leaderboard month, /leaderboard quarter hoặc /leaderboard year.", "Pick a period: /leaderboard month, quarter or year."},

	// Summary.
	"sum.title":        {"📊 <b>Tổng hợp %s</b>", "📊 <b>Summary, %s</b>"},
	"sum.digest":       {"🗓 <b>Bản tin tuần</b>\n", "🗓 <b>Weekly digest</b>\n"},
	"sum.ideas":        {"\n\n<b>Sáng kiến</b>: %d (tiết kiệm, chống lãng phí %d; hạ tầng %d)", "\n\n<b>Ideas</b>: %d (thrift %d; infrastructure %d)"},
	"sum.savings":      {"\n\n<b>Tiết kiệm</b>: ước tính %s/năm; thực tế trong kỳ %s", "\n\n<b>Savings</b>: estimated %s/year; actually saved in the period %s"},
	"sum.targets":      {"\n\n<b>So với chỉ tiêu năm %d</b>", "\n\n<b>Against the %d targets</b>"},
	"sum.target_line":  {"\n%s: %s / %s (%d%%)", "\n%s: %s / %s (%d%%)"},
	"sum.no_target":    {"\n%s: %s (chưa giao chỉ tiêu)", "\n%s: %s (no target)"},
	"sum.reports":      {"\n\n<b>Báo cáo các kỳ gần nhất</b>", "\n\n<b>Latest reports</b>"},
	"sum.report_line":  {"\n%s (%s): đúng hạn %d, trễ %d, thiếu %d", "\n%s (%s): on time %d, late %d, missing %d"},
	"sum.missing":      {" – %s", " – %s"},
	"sum.top":          {"\n\n<b>Dẫn đầu</b>", "\n\n<b>Leading</b>"},
	"sum.top_line":     {"\n%d. %s (%s) – %d điểm", "\n%d. %s (%s) – %d points"},
	"sum.top_unit":     {"\n%d. %s – %d điểm", "\n%d. %s – %d points"},
	"sum.waste":        {"\n\n<b>Phản ánh lãng phí đang xử lý</b>: %d – /wastes", "\n\n<b>Open waste reports</b>: %d – /wastes"},
	"cmd.summary":      {"Tổng hợp (tháng 11/2026, Q4/2026, 2026)", "Summary (11/2026, Q4/2026, 2026)"},
	"err.bad_period":   {"Không hiểu kỳ %q. Viết tháng 11/2026, quý Q4/2026 hoặc năm 2026.", "Unknown period %q. Write a month 11/2026, a quarter Q4/2026 or a year 2026."},
	"err.private_only": {"Lệnh này chỉ dùng khi nhắn riêng với bot.", "This command works only in a private chat with the bot."},

	// Export and commendation.
	"export.caption":    {"📤 Dữ liệu thi đua %s: %d sáng kiến (các trang: sáng kiến, tiến độ, báo cáo, xếp hạng, phản ánh).", "📤 Movement data, %s: %d ideas (sheets: ideas, progress, reports, leaderboard, waste)."},
	"export.csv":        {"Danh sách sáng kiến dạng CSV (UTF-8, mở được bằng Excel).", "The ideas as CSV (UTF-8, opens in Excel)."},
	"x.sheet_ideas":     {"Sáng kiến", "Ideas"},
	"x.sheet_progress":  {"Tiến độ", "Progress"},
	"x.sheet_reports":   {"Báo cáo", "Reports"},
	"x.sheet_board":     {"Xếp hạng", "Leaderboard"},
	"x.sheet_waste":     {"Phản ánh", "Waste"},
	"x.sheet_commend":   {"Đề xuất khen thưởng", "Commendation"},
	"x.ref":             {"Mã", "Id"},
	"x.title":           {"Tên sáng kiến", "Title"},
	"x.theme":           {"Nội dung", "Theme"},
	"x.author":          {"Tác giả", "Author"},
	"x.unit":            {"Đơn vị", "Unit"},
	"x.status":          {"Trạng thái", "Status"},
	"x.submitted":       {"Ngày gửi", "Submitted"},
	"x.estimate":        {"Ước tính tiết kiệm/năm", "Estimated savings/year"},
	"x.saved":           {"Đã tiết kiệm", "Saved"},
	"x.percent":         {"Tiến độ (%)", "Progress (%)"},
	"x.score":           {"Điểm chấm", "Score"},
	"x.description":     {"Mô tả", "Description"},
	"x.history":         {"Lịch sử", "History"},
	"x.when":            {"Thời điểm", "When"},
	"x.note":            {"Ghi chú", "Note"},
	"x.period":          {"Kỳ báo cáo", "Period"},
	"x.due":             {"Hạn", "Due"},
	"x.infra":           {"Tiến độ hạ tầng", "Infrastructure"},
	"x.file":            {"Tệp", "File"},
	"x.on_time":         {"Đúng hạn", "On time"},
	"x.in_time":         {"đúng hạn", "on time"},
	"x.late":            {"trễ hạn", "late"},
	"x.missing":         {"chưa nộp", "missing"},
	"x.rank":            {"Hạng", "Rank"},
	"x.who":             {"Cá nhân / tập thể", "Person / unit"},
	"x.points":          {"Điểm", "Points"},
	"x.reporter":        {"Người phản ánh", "Reported by"},
	"x.outcome":         {"Kết quả xử lý", "Outcome"},
	"x.title_award":     {"Danh hiệu đề xuất", "Proposed title"},
	"x.accepted":        {"Sáng kiến được công nhận", "Accepted initiatives"},
	"x.reports_on_time": {"Báo cáo đúng hạn", "Reports on time"},
	"x.decision":        {"Ý kiến Hội đồng", "Council's decision"},
	"cm.title":          {"🎖 <b>Đề xuất khen thưởng năm %d</b> (theo tiêu chí đã cấu hình)", "🎖 <b>Commendation candidates, %d</b> (by the configured criteria)"},
	"cm.none":           {"\n\nChưa có cá nhân, tập thể nào đạt tiêu chí.", "\n\nNobody meets the criteria yet."},
	"cm.cstd":           {"\n\n<b>Chiến sĩ thi đua cơ sở</b>", "\n\n<b>Grassroots emulation fighter</b>"},
	"cm.ldtt":           {"\n\n<b>Lao động tiên tiến</b>", "\n\n<b>Advanced worker</b>"},
	"cm.ttldtt":         {"\n\n<b>Tập thể lao động tiên tiến</b>", "\n\n<b>Advanced collective</b>"},
	"cm.member_line":    {"\n• %s (%s): %d điểm, %d sáng kiến được công nhận", "\n• %s (%s): %d points, %d accepted initiatives"},
	"cm.unit_line":      {"\n• %s: %d điểm, báo cáo đúng hạn %s", "\n• %s: %d points, reports on time %s"},
	"cm.name.cstd":      {"Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter"},
	"cm.name.ldtt":      {"Lao động tiên tiến", "Advanced worker"},
	"cm.name.ttldtt":    {"Tập thể lao động tiên tiến", "Advanced collective"},
	"cm.caption":        {"Danh sách đề xuất khen thưởng năm %d để Hội đồng thi đua xem xét.", "The %d candidates, for the emulation council."},
	"cmd.export":        {"Xuất Excel (tháng, quý, năm)", "Export to Excel (month, quarter, year)"},
	"cmd.commend":       {"Đề xuất khen thưởng cuối năm", "The year's commendation candidates"},
	"err.bad_year":      {"Không hiểu năm %q. Ví dụ: /commend 2026.", "Unknown year %q. For example: /commend 2026."},

	// Backups.
	"backup.caption":   {"Bản sao dữ liệu (đã kiểm tra). Để khôi phục: dừng bot, đặt tệp này vào storage.path rồi khởi động lại.", "A copy of the database. To restore: stop the bot, put this file at storage.path, start it again."},
	"backup.too_large": {"Dữ liệu quá lớn để gửi qua Telegram; bản sao hằng ngày nằm trong thư mục %s trên máy chủ.", "The database is too large to send through Telegram; the daily copies are in %s on the server."},
	"cmd.backup":       {"Tải bản sao dữ liệu", "Download a copy of the database"},

	// Audit.
	"audit.none":  {"Nhật ký chưa có gì.", "The audit log is empty."},
	"audit.title": {"<b>Nhật ký thay đổi gần đây</b> (⛔ = bị từ chối)", "<b>Latest changes</b> (⛔ = refused)"},

	"cmd.review":   {"Xem xét sáng kiến chờ duyệt", "Review waiting ideas"},
	"cmd.progress": {"Báo cáo tiến độ, số tiền tiết kiệm", "Report progress and money saved"},
	"cmd.waste":    {"Phản ánh lãng phí", "Report waste"},
	"cmd.wastes":   {"Phản ánh lãng phí đang xử lý", "Open waste reports"},
	"cmd.praise":   {"Biểu dương cá nhân, tập thể", "Praise a person or a unit"},
	"cmd.audit":    {"Nhật ký thay đổi", "The audit log"},

	"err.score_range":     {"Điểm phải là số nguyên từ 1 đến 10.", "A score is a whole number from 1 to 10."},
	"err.reason_empty":    {"Vui lòng nhập nội dung.", "Please type the text."},
	"err.reason_long":     {"Nội dung tối đa %d ký tự (bạn nhập %d).", "At most %d characters (yours has %d)."},
	"err.idea_decided":    {"Sáng kiến %s đã được xử lý hoặc không còn ở bước này.", "Idea %s was already decided or is no longer at this step."},
	"err.progress_state":  {"Chỉ báo cáo tiến độ cho sáng kiến đã được công nhận; %s chưa ở bước này.", "Progress is reported on accepted ideas only; %s is not at that step."},
	"err.percent_range":   {"Tiến độ phải từ 0 đến 100%.", "Progress must be from 0 to 100%."},
	"err.percent_format":  {"Nhập phần trăm bằng số, ví dụ 40.", "Type the percent as a number, for example 40."},
	"err.praise_whom":     {"Vui lòng chọn người hoặc đơn vị được biểu dương.", "Please pick whom to praise."},
	"err.waste_not_found": {"Không tìm thấy phản ánh %s.", "Report %s was not found."},
	"err.waste_decided":   {"Phản ánh %s đã được xử lý.", "Report %s was already handled."},

	// Deadlines and reports.
	"btn.report":              {"📝 Nộp báo cáo", "📝 Submit the report"},
	"btn.close":               {"🔒 Đóng kỳ", "🔒 Close"},
	"left.days":               {"%d ngày", "%d days"},
	"left.hours":              {"%d giờ", "%d hours"},
	"left.minutes":            {"%d phút", "%d minutes"},
	"remind.before":           {"⏰ <b>Nhắc hạn báo cáo</b>\n«%s» của %s đến hạn lúc %s (còn %s). Bấm nút dưới đây để nộp.", "⏰ <b>Report reminder</b>\n“%s” for %s is due at %s (%s left). Press the button below to submit it."},
	"remind.overdue":          {"⚠️ <b>Quá hạn báo cáo</b>\n«%s» của %s đã quá hạn (hạn %s). Vui lòng nộp ngay.", "⚠️ <b>Report overdue</b>\n“%s” for %s is overdue (it was due %s). Please submit it now."},
	"remind.directors":        {"📋 <b>Đến hạn «%s»</b> (%s): %d/%d đơn vị đã báo cáo.\nCòn thiếu: %s", "📋 <b>“%s” is due</b> (%s): %d of %d units have reported.\nMissing: %s"},
	"report.none":             {"Không có kỳ báo cáo nào đang mở.", "No reporting period is open."},
	"report.pick":             {"Chọn kỳ báo cáo (✅ = đã nộp, có thể sửa đến khi kỳ được đóng):", "Pick the period (✅ = submitted; it can be corrected until the period is closed):"},
	"report.start":            {"<b>Báo cáo «%s»</b> (hạn %s).", "<b>Report “%s”</b> (due %s)."},
	"report.correct":          {"<b>Sửa báo cáo «%s»</b> (đã nộp lúc %s). Báo cáo mới sẽ thay báo cáo cũ.", "<b>Correct the report “%s”</b> (submitted %s). The new one replaces it."},
	"report.ask_saved":        {"Bước 1/3. <b>Số tiền tiết kiệm được trong kỳ</b> (đồng), ví dụ 25.000.000 hoặc 25 triệu.", "Step 1/3. <b>Money saved this period</b> (VND), for example 25.000.000 or 25 triệu."},
	"report.ask_infra":        {"Bước 2/3. <b>Tiến độ phát triển hạ tầng</b> trong kỳ (tối đa %d ký tự).", "Step 2/3. <b>Infrastructure progress</b> this period (at most %d characters)."},
	"report.ask_doc":          {"Bước 3/3. Gửi kèm tệp báo cáo (PDF, DOCX hoặc XLSX, tối đa 20 MB), hoặc bấm Bỏ qua.", "Step 3/3. Attach the report file (PDF, DOCX or XLSX, at most 20 MB), or press Skip."},
	"report.confirm":          {"<b>Kiểm tra báo cáo «%s»</b>\nTiết kiệm trong kỳ: %s\nHạ tầng: %s\nTệp: %s\n\nNộp báo cáo này?", "<b>Check the report “%s”</b>\nSaved this period: %s\nInfrastructure: %s\nFile: %s\n\nSubmit it?"},
	"report.on_time":          {"✅ Đã nộp báo cáo «%s» <b>đúng hạn</b> (tiết kiệm %s).", "✅ Report “%s” submitted <b>on time</b> (%s saved)."},
	"report.late":             {"✅ Đã nộp báo cáo «%s» (<b>trễ hạn</b>; tiết kiệm %s).", "✅ Report “%s” submitted (<b>late</b>; %s saved)."},
	"report.to_director":      {"📨 %s đã nộp báo cáo «%s» sau hạn: tiết kiệm %s.\nHạ tầng: %s", "📨 %s submitted “%s” after the due time: %s saved.\nInfrastructure: %s"},
	"deadlines.title":         {"<b>Hạn báo cáo</b>", "<b>Reporting deadlines</b>"},
	"deadlines.line":          {"\n\n<b>%s</b> – hạn %s (%s)", "\n\n<b>%s</b> – due %s (%s)"},
	"deadlines.left":          {"còn %s", "%s left"},
	"deadlines.overdue":       {"đã quá hạn", "overdue"},
	"deadlines.yours_missing": {"\nĐơn vị bạn: <b>chưa nộp</b> – /report", "\nYour unit: <b>not yet submitted</b> – /report"},
	"deadlines.yours_done":    {"\nĐơn vị bạn: đã nộp lúc %s", "\nYour unit: submitted %s"},
	"deadlines.yours_late":    {"\nĐơn vị bạn: đã nộp (trễ hạn) lúc %s", "\nYour unit: submitted late, %s"},
	"deadlines.status":        {"\nĐã nộp: %d/%d đơn vị", "\nSubmitted: %d of %d units"},
	"deadlines.missing":       {"\nCòn thiếu: %s", "\nMissing: %s"},
	"deadlines.next":          {"\n\nKỳ tới: <b>%s</b> – hạn %s", "\n\nNext: <b>%s</b> – due %s"},
	"deadlines.none":          {"Chưa có hạn báo cáo nào.", "There are no reporting deadlines."},
	"period.closed":           {"🔒 Đã đóng kỳ «%s» (hạn %s): không nhận thêm báo cáo, không nhắc nữa.", "🔒 “%s” (due %s) closed: no more reports or reminders."},
	"deadline.ask_name":       {"Tên hạn báo cáo mới (ví dụ: Báo cáo tổng kết năm 2026)?", "Name of the new deadline (for example: Annual report 2026)?"},
	"deadline.ask_due":        {"Hạn lúc nào? Nhập ngày giờ dạng dd/mm/yyyy HH:MM, ví dụ 20/12/2026 17:00.", "Due when? Type dd/mm/yyyy HH:MM, for example 20/12/2026 17:00."},
	"deadline.added":          {"✅ Đã thêm hạn «%s» lúc %s. Các trưởng đơn vị sẽ được nhắc theo lịch.", "✅ Deadline “%s” added, due %s. Unit heads will be reminded on schedule."},
	"cmd.report":              {"Nộp báo cáo định kỳ của đơn vị", "Submit the unit's periodic report"},
	"cmd.deadlines":           {"Hạn báo cáo, đơn vị đã nộp", "Deadlines and who has reported"},
	"cmd.adddeadline":         {"Thêm hạn báo cáo", "Add a reporting deadline"},
	"err.period_not_found":    {"Không tìm thấy kỳ báo cáo này.", "That reporting period was not found."},
	"err.period_closed":       {"Kỳ báo cáo «%s» đã đóng.", "The period “%s” is closed."},
	"err.doc_type":            {"Chỉ nhận tệp PDF, DOCX hoặc XLSX.", "Only PDF, DOCX or XLSX files are accepted."},
	"err.doc_size":            {"Tệp quá lớn: tối đa 20 MB.", "The file is too large: at most 20 MB."},
	"err.deadline_name":       {"Tên hạn báo cáo không được trống và tối đa %d ký tự.", "A deadline's name must not be empty and has at most %d characters."},
	"err.deadline_past":       {"Hạn phải ở tương lai.", "The deadline must be in the future."},
	"err.deadline_format":     {"Ngày giờ chưa đúng. Nhập dạng dd/mm/yyyy HH:MM, ví dụ 20/12/2026 17:00.", "That date-time is not clear. Type dd/mm/yyyy HH:MM, for example 20/12/2026 17:00."},

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

	// When the machine under the bot fails (diskfull.go, damage.go): sent
	// directly, not through the outbox.
	"storage.full": {
		"Hệ thống tạm thời chưa lưu được dữ liệu (bộ nhớ máy chủ đã đầy). Tin nhắn của đồng chí sẽ được xử lý ngay khi khắc phục xong.",
		"The system cannot store anything for the moment (the server's disk is full). Your message will be handled as soon as this is fixed.",
	},
	"storage.full_admins": {
		"⚠️ <b>Bộ nhớ máy chủ đã đầy</b>: không ghi được vào <code>%s</code> (còn trống %s). Tin nhắn của mọi người đang được giữ lại và sẽ tự được xử lý khi có chỗ trống. Đề nghị đồng chí giải phóng dung lượng trên máy chủ.",
		"⚠️ <b>The server's disk is full</b>: cannot write to <code>%s</code> (%s free). People's messages are held and will be handled by themselves once there is room. Please free some space on the server.",
	},
	"storage.writable_admins": {
		"✅ Máy chủ đã lưu được dữ liệu trở lại (gián đoạn %s). Các tin nhắn được giữ lại đã được xử lý.",
		"✅ The server stores data again (after %s). The messages held meanwhile have been handled.",
	},
	"storage.damaged": {
		"Hệ thống gặp lỗi khi đọc dữ liệu nên chưa xử lý được tin nhắn này. Quản trị viên đã được báo để khắc phục. Mong đồng chí thông cảm.",
		"The system hit damaged data and could not handle this message. The admins have been told and will fix it. Sorry for the trouble.",
	},
	"storage.damaged_admins": {
		"⚠️ <b>Tệp dữ liệu bị hỏng</b>: <code>%s</code> (%s). Bot vẫn chạy, nhưng việc nào cần đến phần bị hỏng sẽ không làm được. Đề nghị đồng chí dừng bot và khôi phục bản sao lưu gần nhất: <code>thiduabot restore -config …</code>",
		"⚠️ <b>The database file is damaged</b>: <code>%s</code> (%s). The bot goes on, but whatever needs the damaged part cannot be done. Please stop the bot and restore the newest backup: <code>thiduabot restore -config …</code>",
	},
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
