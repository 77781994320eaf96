// Package clock compares this computer's clock with a time server, because
// most "my code does not work" calls are a wrong clock: a TOTP code is
// accepted only within about 30 s of the server's time.
//
// Check asks an NTP server (github.com/beevik/ntp); where NTP is blocked,
// CheckHTTPS reads the Date header of an HTTPS server the person names
// (one-second resolution). Both return the offset to add to the local
// clock to get the server's time. Errors wrap ErrNoAnswer.
package clock
