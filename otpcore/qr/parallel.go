package qr

import (
	"runtime"
	"sync"
)

// workers is how many goroutines share a pass over the pixels.
func workers() int {
	n := runtime.GOMAXPROCS(0)
	if n < 1 {
		n = 1
	}
	return n
}

// parallelRows calls fn on disjoint ranges [y0, y1) that cover [0, h),
// one per worker, and waits for all of them. Small images run inline.
func parallelRows(h, minRows int, fn func(y0, y1 int)) {
	n := workers()
	if n > h/minRows {
		n = h / minRows
	}
	if n <= 1 {
		fn(0, h)
		return
	}
	var wg sync.WaitGroup
	step := (h + n - 1) / n
	for y0 := 0; y0 < h; y0 += step {
		y1 := min(y0+step, h)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(y0, y1)
		}()
	}
	wg.Wait()
}
