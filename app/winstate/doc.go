// Package winstate tells whether a native window is minimised, where the
// toolkit does not say so: Fyne 2.7.1 reports focus (its lifecycle's
// foreground events) but not minimising. On X11 a window manager records a
// minimised window as WM_STATE IconicState (ICCCM 4.1.3.1), which any
// client can read.
package winstate
