package screens

import (
	"strings"

	"authdesk/otpcore"
)

var digitWords = map[rune]string{
	'0': "zero", '1': "one", '2': "two", '3': "three", '4': "four",
	'5': "five", '6': "six", '7': "seven", '8': "eight", '9': "nine",
}

// ReadOut spells a code for reading over the phone, in its reading groups:
// "482913" is "four eight two, nine one three". Steam's letters are spelled
// as they are.
func ReadOut(code string) string {
	groups := strings.Fields(otpcore.GroupCode(code))
	out := make([]string, len(groups))
	for i, g := range groups {
		words := make([]string, 0, len(g))
		for _, r := range g {
			if w, ok := digitWords[r]; ok {
				words = append(words, w)
			} else {
				words = append(words, string(r))
			}
		}
		out[i] = strings.Join(words, " ")
	}
	return strings.Join(out, ", ")
}
