package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	_ "image/png" // the leaderboard chart's size
	"io"
	"maps"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

const consoleHelp = `thiduabot console: the real bot, against an in-process stand-in of Telegram.
Type as the current user; the bot's answers are printed with their buttons.
  /as ID [Name]   act as another user (example: /as 2001 is the head of VP)
  /users          the example organisation's people
  1, 2, …         press button 1, 2, … of the last message you got with buttons
  /file PATH      send a file as a document (for example /file baocao.pdf)
  /photo PATH     send a picture
  /quit           leave (Ctrl-D too)
`

// runConsole runs the bot against tgtest in this process and lets a person
// chat with it in the terminal as any user.
func runConsole(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	path := fs.String("config", "", "configuration file (default: the example organisation, in a temporary folder)")
	as := fs.Int64("as", 1001, "the user id to start as")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config.Example()
	tmp, err := os.MkdirTemp("", "thiduabot-console-")
	if err != nil {
		return err
	}
	if os.Getenv("THIDUABOT_KEEP") == "" {
		defer os.RemoveAll(tmp)
	}
	if *path != "" {
		c, err := config.Load(*path)
		if err != nil {
			return err
		}
		cfg = *c
	} else {
		cfg.Storage.Path = filepath.Join(tmp, "thiduabot.db")
	}
	srv := tgtest.Start()
	defer srv.Close()
	cfg.Telegram.APIURL, cfg.Telegram.Token = srv.URL, srv.Token
	cfg.Telegram.PollTimeout = config.Duration(5 * time.Second)
	if cfg.Telegram.GroupChatID != 0 {
		srv.AddGroup(cfg.Telegram.GroupChatID)
	}
	// The configured people have opened the bot, as they would have before
	// anyone joins their unit: a join request reaches the unit's head.
	for id := range exampleNames(&cfg) {
		srv.Started(id)
	}
	logPath := filepath.Join(tmp, "thiduabot.log")
	if *path != "" {
		logPath = cfg.Storage.Path + ".console.log"
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()

	m := NewMain(logFile)
	m.Config, m.ConfigPath = &cfg, *path
	if err := m.Open(); err != nil {
		return err
	}
	if *path == "" {
		// The example organisation's people have given their names; with a
		// real configuration each is asked the first time they write.
		err := m.DB.Update(func(tx *storage.Tx) error {
			for id, name := range examplePeople {
				if mem, ok, err := tx.Member(id); err != nil || !ok || mem.FullName != "" {
					continue
				}
				if _, err := tx.SetFullName(id, name); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	defer m.Close()
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Bot.Run(ctx) }()

	c := &console{srv: srv, out: stdout, names: exampleNames(&cfg), lastKB: map[int64]tgtest.Message{}}
	fmt.Fprint(stdout, consoleHelp)
	fmt.Fprintf(stdout, "Database: %s\n", cfg.Storage.Path)
	c.switchTo(*as, "")
	go c.print(ctx)

	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64<<10), 1<<20)
	for in.Scan() {
		if !c.line(strings.TrimSpace(in.Text())) {
			break
		}
	}
	// Let what was typed be handled and answered before leaving.
	srv.WaitFor(10*time.Second, func() bool {
		n, _, _ := m.DB.OutboxLen()
		return srv.Pending() == 0 && n == 0 && m.Bot.Sender().Answering() == 0
	})
	c.flush()
	stop()
	return <-done
}

type console struct {
	srv   *tgtest.Server
	out   io.Writer
	names map[int64]string

	mu    sync.Mutex
	user  tgtest.User
	mark  tgtest.Mark
	asked int // the stand-in's requests already looked at for button answers
	// presser is who pressed the last button: its answer is shown under them.
	presser tgtest.User
	lastKB  map[int64]tgtest.Message
}

// examplePeople are the example organisation's named people.
var examplePeople = map[int64]string{
	1001: "Phạm Thu Hà", 1002: "Lê Quang Minh",
	2001: "Đỗ Văn Hùng", 2002: "Trần Thị Mai", 2003: "Hoàng Minh Tuấn", 2004: "Bùi Thị Thu",
	2005: "Vũ Thị Lan", 2006: "Ngô Quốc Bảo", 2007: "Phan Thanh Sơn",
}

func exampleNames(cfg *config.Config) map[int64]string {
	names := map[int64]string{}
	for _, id := range cfg.Org.Admins {
		names[id] = "Thường trực HĐTĐ-KT"
	}
	for _, id := range cfg.Org.Directors {
		names[id] = "Giám đốc Sở"
	}
	for _, u := range cfg.Units {
		for _, id := range u.Heads {
			names[id] = "Trưởng " + u.Code
		}
	}
	return names
}

func (c *console) switchTo(id int64, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if name == "" {
		name = c.names[id]
	} else {
		c.names[id] = name // /as 5001 comes back as the same person
	}
	if name == "" {
		name = "Người dùng " + strconv.FormatInt(id, 10)
	}
	first, last, _ := strings.Cut(name, " ")
	c.user = tgtest.User{ID: id, FirstName: first, LastName: last, LanguageCode: "vi"}
	fmt.Fprintf(c.out, "— you are now %s (id %d)\n", name, id)
}

// line handles one typed line; false means leave.
func (c *console) line(text string) bool {
	c.mu.Lock()
	user := c.user
	c.mu.Unlock()
	switch {
	case text == "":
	case text == "/quit" || text == "/exit":
		return false
	case strings.HasPrefix(text, "/as "):
		fields := strings.Fields(text)
		id, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil || id <= 0 {
			fmt.Fprintln(c.out, "— /as takes a positive user id")
			return true
		}
		c.switchTo(id, strings.Join(fields[2:], " "))
	case text == "/users":
		ids := slices.Sorted(maps.Keys(c.names))
		for _, id := range ids {
			if name := examplePeople[id]; name != "" {
				fmt.Fprintf(c.out, "  %d  %s – %s\n", id, name, c.names[id])
			} else {
				fmt.Fprintf(c.out, "  %d  %s\n", id, c.names[id])
			}
		}
		fmt.Fprintln(c.out, "  any other id is a guest")
	case strings.HasPrefix(text, "/file ") || strings.HasPrefix(text, "/doc "):
		_, path, _ := strings.Cut(text, " ")
		path = strings.TrimSpace(path)
		size := int64(1024) // a name alone stands for a small file
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
		c.srv.SendDocument(user, filepath.Base(path), mime.TypeByExtension(filepath.Ext(path)), size)
	case strings.HasPrefix(text, "/photo "):
		c.srv.SendPhoto(user, "")
	case isNumber(text):
		n, _ := strconv.Atoi(text)
		c.mu.Lock()
		msg, ok := c.lastKB[user.ID]
		c.mu.Unlock()
		var data string
		i := 0
		for _, row := range msg.Keyboard {
			for _, b := range row {
				if i++; i == n {
					data = b.Data
				}
			}
		}
		if !ok || data == "" {
			c.srv.SendText(user, text) // a number typed as an answer
			return true
		}
		c.press(user, msg, data)
	default:
		c.srv.SendText(user, text)
	}
	return true
}

// press presses a button as user and waits for the bot's answer to the
// press, so that a pop-up is printed at once, under the one who pressed,
// not when the next message comes.
func (c *console) press(user tgtest.User, msg tgtest.Message, data string) {
	before := len(c.srv.Requests())
	c.mu.Lock()
	c.presser = user
	c.mu.Unlock()
	c.srv.PressForged(user, msg, data)
	c.srv.WaitFor(5*time.Second, func() bool {
		for _, r := range c.srv.Requests()[before:] {
			if r.Method == "answerCallbackQuery" {
				return true
			}
		}
		return false
	})
	c.flush()
}

// print shows every message the bot sends, as it is sent.
func (c *console) print(ctx context.Context) {
	for ctx.Err() == nil {
		c.mu.Lock()
		mark := c.mark
		c.mu.Unlock()
		if _, err := c.srv.WaitMessage(mark, time.Second, func(tgtest.Message) bool { return true }); err != nil {
			continue
		}
		c.flush()
	}
}

func (c *console) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Answers to pressed buttons: a pop-up on a phone, a line here.
	reqs := c.srv.Requests()
	for _, r := range reqs[c.asked:] {
		if r.Method == "answerCallbackQuery" && r.Status == 200 && r.Params["text"] != "" {
			kind := "notice"
			if r.Params["show_alert"] == "true" {
				kind = "pop-up"
			}
			who := c.names[c.presser.ID]
			if name := examplePeople[c.presser.ID]; name != "" {
				who = name
			}
			if who == "" {
				who = strings.TrimSpace(c.presser.FirstName + " " + c.presser.LastName)
			}
			fmt.Fprintf(c.out, "\n⟨%s → %s (%d)⟩ %s\n", kind, who, c.presser.ID, r.Params["text"])
		}
	}
	c.asked = len(reqs)
	log := c.srv.Log()
	for _, m := range log[c.mark:] {
		who := strconv.FormatInt(m.ChatID, 10)
		if name := c.names[m.ChatID]; name != "" {
			who = name + " (" + who + ")"
		}
		if m.ChatID < 0 {
			who = "staff group"
		}
		edited := ""
		if m.Edits > 0 {
			edited = " (edited)"
		}
		fmt.Fprintf(c.out, "\n┌─ bot → %s%s\n", who, edited)
		for _, line := range strings.Split(m.Plain, "\n") {
			fmt.Fprintf(c.out, "│ %s\n", line)
		}
		if m.Document != nil {
			fmt.Fprintf(c.out, "│ [tệp: %s, %s]\n", m.Document.Name, fileSize(len(m.Document.Data)))
		}
		if m.Photo != nil {
			size := fileSize(len(m.Photo.Data))
			if img, _, err := image.DecodeConfig(bytes.NewReader(m.Photo.Data)); err == nil {
				size = fmt.Sprintf("%d×%d", img.Width, img.Height)
			}
			fmt.Fprintf(c.out, "│ [ảnh: %s, %s]\n", m.Photo.Name, size)
		}
		i := 0
		for _, row := range m.Keyboard {
			var cells []string
			for _, b := range row {
				i++
				cells = append(cells, fmt.Sprintf("[%d] %s", i, b.Text))
			}
			fmt.Fprintf(c.out, "│ %s\n", strings.Join(cells, "   "))
		}
		fmt.Fprintln(c.out, "└─")
		if len(m.Keyboard) > 0 {
			c.lastKB[m.ChatID] = m
		}
	}
	c.mark = tgtest.Mark(len(log))
}

// fileSize says a size the way a chat app does.
func fileSize(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil && len(s) <= 2
}
