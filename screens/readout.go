package screens

import (
	"strings"

	"authdesk/otpcore"
)

// digitWords are the words for the digits 0 to 9 in the UI's language,
// translated as one key (a key per word would clash with the plural
// categories "zero", "one" and "two" of go-i18n's message files).
func digitWords() []string {
	words := strings.Fields(tr("zero one two three four five six seven eight nine"))
	if len(words) != 10 { // a broken translation: i18n_test.go prevents it
		words = strings.Fields("zero one two three four five six seven eight nine")
	}
	return words
}

// ReadOut spells a code for reading over the phone, in its reading groups:
// "482913" is "four eight two, nine one three". Steam's letters are spelled
// as they are.
func ReadOut(code string) string {
	digits := digitWords()
	groups := strings.Fields(otpcore.GroupCode(code))
	out := make([]string, len(groups))
	for i, g := range groups {
		words := make([]string, 0, len(g))
		for _, r := range g {
			if r >= '0' && r <= '9' {
				words = append(words, digits[r-'0'])
			} else {
				words = append(words, string(r))
			}
		}
		out[i] = strings.Join(words, " ")
	}
	return strings.Join(out, ", ")
}
