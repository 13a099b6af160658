package tgtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// ReferencePath finds the official Bot API description (api.json, kept
// beside the repository in shared/botapi) by walking up from the working
// directory. It returns "" when the file is not there: the tests must pass
// without it.
func ReferencePath() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		for _, p := range []string{filepath.Join(dir, "shared", "botapi", "api.json"), filepath.Join(dir, "..", "shared", "botapi", "api.json")} {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// CheckAgainstReference checks every request against the official
// reference at path: a real method, real parameter names, the required
// ones present. It returns one line per problem.
func CheckAgainstReference(path string, reqs []Request) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ref struct {
		Methods map[string]struct {
			Fields []struct {
				Name     string `json:"name"`
				Required bool   `json:"required"`
			} `json:"fields"`
		} `json:"methods"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		return nil, fmt.Errorf("tgtest: %s: %w", path, err)
	}
	seen := map[string]bool{}
	var problems []string
	for _, r := range reqs {
		m, ok := ref.Methods[r.Method]
		if !ok {
			problems = append(problems, "unknown method "+r.Method)
			continue
		}
		var names []string
		for _, f := range m.Fields {
			names = append(names, f.Name)
			if f.Required && r.Params[f.Name] == "" {
				problems = append(problems, fmt.Sprintf("%s without required %s", r.Method, f.Name))
			}
		}
		for p := range r.Params {
			if !slices.Contains(names, p) {
				problems = append(problems, fmt.Sprintf("%s with unknown parameter %s", r.Method, p))
			}
		}
	}
	var out []string
	for _, p := range problems {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// CheckTable checks the stand-in's own table of methods against the
// reference: every parameter it lists exists there, required as it says.
func CheckTable(path string) ([]string, error) {
	var reqs []Request
	for name, m := range methods {
		params := map[string]string{}
		for _, p := range append(slices.Clone(m.required), m.optional...) {
			params[p] = "x"
		}
		reqs = append(reqs, Request{Method: name, Params: params})
	}
	return CheckAgainstReference(path, reqs)
}
