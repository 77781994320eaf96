package scan

import "strings"

// AppID is the reverse-DNS application id authdesk is known by: its
// desktop file is AppID + ".desktop", and GNOME's "Allow Applications to
// Take Screenshots?" permission is stored under it. screens.AppID is the
// same.
const AppID = "io.github.authdesk.authdesk"

// Wayland reports whether the session is a Wayland one: WAYLAND_DISPLAY
// is set (a compositor answers), or XDG_SESSION_TYPE says so.
func Wayland(getenv func(string) string) bool {
	return getenv("WAYLAND_DISPLAY") != "" || getenv("XDG_SESSION_TYPE") == "wayland"
}

// desktop is the kind of Wayland desktop, for advice that names what to
// click or install there.
type desktop int

const (
	otherDesktop desktop = iota
	gnomeDesktop
	kdeDesktop
	wlrootsDesktop
)

// desktopOf reads XDG_CURRENT_DESKTOP ("ubuntu:GNOME", "KDE", "sway").
func desktopOf(getenv func(string) string) desktop {
	for _, d := range strings.Split(strings.ToLower(getenv("XDG_CURRENT_DESKTOP")), ":") {
		switch d {
		case "gnome", "gnome-classic":
			return gnomeDesktop
		case "kde":
			return kdeDesktop
		case "sway", "wlroots", "hyprland", "river", "wayfire", "labwc", "niri":
			return wlrootsDesktop
		}
	}
	return otherDesktop
}

const pasteInstead = "or press PrtSc and paste the screenshot into the wizard (Ctrl+V)"

// refusedAdvice follows a Response of 2 (refused or failed).
func (d desktop) refusedAdvice() string {
	switch d {
	case gnomeDesktop:
		return `GNOME said no: if "Deny" was clicked in "Allow Applications to Take Screenshots?", undo it with 'flatpak permission-reset ` + AppID +
			`' (or delete authdesk's entry from the PermissionStore's "screenshot" table, see the README), then scan again; ` + pasteInstead
	case kdeDesktop:
		return "KDE Plasma's portal did not take it: check that xdg-desktop-portal-kde is running and that authdesk may take screenshots " +
			"(System Settings, Application Permissions), then scan again; " + pasteInstead
	case wlrootsDesktop:
		return "the wlroots portal (xdg-desktop-portal-wlr) could not take it: install grim, which it runs, and check that the compositor " +
			"allows screen copies, then scan again; or save a screenshot with grim and open it in the wizard"
	}
	return "the desktop portal did not take it: check the desktop's screenshot permission for authdesk, then scan again; " + pasteInstead
}

// cancelledAdvice follows a Response of 1 (the person cancelled).
func (d desktop) cancelledAdvice() string {
	switch d {
	case gnomeDesktop:
		return `GNOME's "Allow Applications to Take Screenshots?" was closed: scan again and click "Allow" (asked once for authdesk); ` + pasteInstead
	case kdeDesktop:
		return "KDE Plasma's portal cancelled the screenshot (its dialog was closed, or it could not save the picture in your Pictures folder: check that the folder exists and is yours): scan again; " + pasteInstead
	}
	return "the desktop's screenshot dialog was cancelled: scan again and accept it; " + pasteInstead
}

// timeoutAdvice follows a portal that did not answer in time.
func (d desktop) timeoutAdvice() string {
	if d == gnomeDesktop {
		return `if GNOME asked "Allow Applications to Take Screenshots?", scan again and click "Allow" sooner; otherwise restart the portal ` +
			"(systemctl --user restart xdg-desktop-portal); " + pasteInstead
	}
	return "restart the portal (systemctl --user restart xdg-desktop-portal) and scan again; " + pasteInstead
}

// installAdvice follows a session without a Screenshot portal.
func (d desktop) installAdvice() string {
	pkgs := "xdg-desktop-portal and your desktop's backend (xdg-desktop-portal-gnome, -kde or -wlr)"
	switch d {
	case gnomeDesktop:
		pkgs = "xdg-desktop-portal and xdg-desktop-portal-gnome"
	case kdeDesktop:
		pkgs = "xdg-desktop-portal and xdg-desktop-portal-kde"
	case wlrootsDesktop:
		pkgs = "xdg-desktop-portal, xdg-desktop-portal-wlr, xdg-desktop-portal-gtk (the portal offers screenshots only with it) and grim"
	}
	return "this Wayland session has no screenshot portal: install " + pkgs + ", log in again and scan again; " + pasteInstead
}
