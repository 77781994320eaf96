package policy

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The Group Policy template writes exactly the values System reads: every
// key once, under Software\Policies\authdesk, with the ranges fromValues
// accepts; every text and presentation it names is in the en-US ADML; and
// docs/policies.md documents every key.
func TestADMXMatchesPolicy(t *testing.T) {
	dir := filepath.Join("..", "..", "packaging", "windows", "policy")
	admx, err := os.ReadFile(filepath.Join(dir, "authdesk.admx"))
	if err != nil {
		t.Fatal(err)
	}
	adml, err := os.ReadFile(filepath.Join(dir, "en-US", "authdesk.adml"))
	if err != nil {
		t.Fatal(err)
	}
	type element struct {
		XMLName   xml.Name
		ID        string `xml:"id,attr"`
		ValueName string `xml:"valueName,attr"`
		Min       string `xml:"minValue,attr"`
		Max       string `xml:"maxValue,attr"`
	}
	var defs struct {
		Policies []struct {
			Name         string    `xml:"name,attr"`
			Key          string    `xml:"key,attr"`
			ValueName    string    `xml:"valueName,attr"`
			Presentation string    `xml:"presentation,attr"`
			Elements     []element `xml:"elements>decimal"`
			Texts        []element `xml:"elements>text"`
		} `xml:"policies>policy"`
	}
	if err := xml.Unmarshal(admx, &defs); err != nil {
		t.Fatalf("authdesk.admx: %v", err)
	}
	var res struct {
		Strings []struct {
			ID string `xml:"id,attr"`
		} `xml:"resources>stringTable>string"`
		Presentations []struct {
			ID    string `xml:"id,attr"`
			Inner string `xml:",innerxml"`
		} `xml:"resources>presentationTable>presentation"`
	}
	if err := xml.Unmarshal(adml, &res); err != nil {
		t.Fatalf("authdesk.adml: %v", err)
	}
	strs := map[string]bool{}
	for _, s := range res.Strings {
		strs[s.ID] = true
	}
	pres := map[string]string{}
	for _, p := range res.Presentations {
		pres[p.ID] = p.Inner
	}
	for _, ref := range regexp.MustCompile(`\$\(string\.([A-Za-z0-9_]+)\)`).FindAllStringSubmatch(string(admx), -1) {
		if !strs[ref[1]] {
			t.Errorf("the ADMX names the text %s, which the ADML lacks", ref[1])
		}
	}
	ranges := map[string][2]string{
		"lock_after_seconds":      {itoa(minLock / time.Second), itoa(maxLock / time.Second)},
		"clipboard_clear_seconds": {itoa(minClip / time.Second), itoa(maxClip / time.Second)},
		"password_min_length":     {"1", itoa(maxPwLen)},
	}
	var seen []string
	for _, p := range defs.Policies {
		if p.Key != `Software\Policies\authdesk` {
			t.Errorf("policy %s writes under %q", p.Name, p.Key)
		}
		if p.ValueName != "" {
			seen = append(seen, p.ValueName)
		}
		for _, e := range append(p.Elements, p.Texts...) {
			seen = append(seen, e.ValueName)
			if r, ok := ranges[e.ValueName]; ok && (e.Min != r[0] || e.Max != r[1]) {
				t.Errorf("%s: the ADMX allows %s..%s, authdesk reads %s..%s", e.ValueName, e.Min, e.Max, r[0], r[1])
			}
			id := strings.TrimSuffix(strings.TrimPrefix(p.Presentation, "$(presentation."), ")")
			if !strings.Contains(pres[id], `refId="`+e.ID+`"`) {
				t.Errorf("no presentation %s with refId %s in the ADML", id, e.ID)
			}
		}
	}
	sort.Strings(seen)
	want := append([]string(nil), Keys...)
	sort.Strings(want)
	if strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Errorf("the ADMX writes %v, the policy reads %v", seen, want)
	}

	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "policies.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys {
		if !strings.Contains(string(doc), "`"+k+"`") {
			t.Errorf("docs/policies.md does not document %s", k)
		}
	}
	// Every key is one fromValues knows (no "is not a policy" for it).
	for _, k := range Keys {
		if _, err := fromValues(map[string]any{k: nil}, "t"); err == nil || strings.Contains(err.Error(), "not a policy authdesk knows") {
			t.Errorf("fromValues does not know %s: %v", k, err)
		}
	}
}

func itoa[T ~int64 | ~int](n T) string { return strconv.FormatInt(int64(n), 10) }
