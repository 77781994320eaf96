package clipboard

// recorder is the app's ordinary clipboard in the tests.
type recorder struct{ got []string }

func (r *recorder) SetContent(s string) { r.got = append(r.got, s) }
func (r *recorder) Content() string {
	if len(r.got) == 0 {
		return ""
	}
	return r.got[len(r.got)-1]
}
