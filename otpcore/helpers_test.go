package otpcore

import (
	"fmt"
	"strconv"
	"time"
)

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

func parseUnix(s string) (time.Time, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	return time.Unix(n, 0), err
}
