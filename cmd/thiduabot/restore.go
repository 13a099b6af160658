package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/ops"
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// runRestore puts a checked backup in place of the database file: the
// one named by -from, else the newest in storage.backup_dir that passes
// the check. The file it replaces is kept aside, never deleted.
func runRestore(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	path := fs.String("config", "config.toml", "configuration file")
	from := fs.String("from", "", "the backup to restore (default: the newest in storage.backup_dir that passes the check)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load(*path)
	if err != nil {
		return err
	}
	src := *from
	if src == "" {
		var skipped []string
		src, skipped = newestGoodBackup(cfg.Storage.BackupDir)
		for _, s := range skipped {
			fmt.Fprintf(stdout, "skipped %s\n", s)
		}
		if src == "" {
			return fmt.Errorf("restore: no backup in %s passes the check; give one with -from FILE", cfg.Storage.BackupDir)
		}
	}
	held, err := storage.Inspect(src)
	if err != nil {
		return fmt.Errorf("restore: the backup %s fails the check: %w", src, err)
	}
	db := cfg.Storage.Path
	stamp := time.Now().Format("20060102-150405")
	aside, why := db+".replaced-"+stamp, ""
	var damage *storage.DamageError
	if err := storage.CheckFile(db); errors.As(err, &damage) {
		aside, why = db+".damaged-"+stamp, " (damaged: "+damage.Reason+")"
	}
	err = storage.Restore(db, src, aside)
	if errors.Is(err, storage.ErrLocked) {
		return errors.New("restore: the bot is running on " + db + ": stop it first")
	}
	if err != nil {
		return err
	}
	loc := cfg.Org.Timezone.Location
	fmt.Fprintf(stdout, "restored %s from %s\n", db, src)
	fmt.Fprintf(stdout, "the backup was taken %s and holds %d members and %d ideas; it passes the check\n",
		texts.FormatTime("vi", backupTaken(src, loc), loc), held.Members, held.Ideas)
	if _, err := os.Stat(aside); err == nil {
		fmt.Fprintf(stdout, "the file it replaced is kept as %s%s\n", aside, why)
	}
	return nil
}

// newestGoodBackup returns the newest backup in dir that passes the check
// ("" when none does), and what it skipped on the way, with why.
func newestGoodBackup(dir string) (string, []string) {
	files, _ := ops.BackupFiles(dir)
	var skipped []string
	for i := len(files) - 1; i >= 0; i-- {
		err := storage.CheckFile(files[i])
		if err == nil {
			return files[i], skipped
		}
		skipped = append(skipped, fmt.Sprintf("%s: %v", files[i], err))
	}
	return "", skipped
}

// backupTaken is when a backup was taken: from its name, else the time
// it was last written.
func backupTaken(path string, loc *time.Location) time.Time {
	if t, ok := ops.BackupTaken(path, loc); ok {
		return t
	}
	if fi, err := os.Stat(path); err == nil {
		return fi.ModTime()
	}
	return time.Time{}
}

// damagedHelp is what the bot says when it cannot start on a damaged
// file: which file and what is wrong, the newest backup that passes the
// check, and how to put it in place.
func damagedHelp(cfg *config.Config, configPath string, damage *storage.DamageError) error {
	var b strings.Builder
	b.WriteString(damage.Error())
	good, _ := newestGoodBackup(cfg.Storage.BackupDir)
	if good == "" {
		fmt.Fprintf(&b, "\nno backup in %s passes the check: restore one from elsewhere with\n  thiduabot restore -from FILE -config %s", cfg.Storage.BackupDir, configPath)
	} else {
		loc := cfg.Org.Timezone.Location
		fmt.Fprintf(&b, "\nthe newest backup that passes the check is %s (taken %s)", good, texts.FormatTime("vi", backupTaken(good, loc), loc))
		fmt.Fprintf(&b, "\nto put it in place (the damaged file is kept aside): thiduabot restore -config %s", configPath)
	}
	return errors.New(b.String())
}
