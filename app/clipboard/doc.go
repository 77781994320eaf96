// Package clipboard copies a secret (a one-time code) so that the system
// keeps it only on the clipboard itself: on Windows, in the same
// OpenClipboard transaction as the text, the registered formats that keep
// it out of clipboard history (Win+V), cloud clipboard and clipboard
// monitors (ExcludeClipboardContentFromMonitorProcessing,
// CanIncludeInClipboardHistory = 0, CanUploadToCloudClipboard = 0); on
// Linux with an X server (XWayland included), besides the app's own copy,
// an owner of the CLIPBOARD selection that also offers KDE's
// x-kde-passwordManagerHint: secret, which Klipper keeps no history of.
// Where the platform has no such hints, or the Windows clipboard refuses,
// the text goes to the app's ordinary clipboard (Fyne's) alone.
package clipboard
