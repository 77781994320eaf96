// Package clipboard copies a secret (a one-time code) so that the system
// keeps it only on the clipboard itself: on Windows, in the same
// OpenClipboard transaction as the text, the registered formats that keep
// it out of clipboard history (Win+V), cloud clipboard and clipboard
// monitors (ExcludeClipboardContentFromMonitorProcessing,
// CanIncludeInClipboardHistory = 0, CanUploadToCloudClipboard = 0). Where
// the platform has no such hints, or the Windows clipboard refuses, it
// hands the text to the app's ordinary clipboard (Fyne's).
package clipboard
