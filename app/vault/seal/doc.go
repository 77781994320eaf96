// Package seal is the cryptography of the authdesk vault: the password-based
// key derivation and the authenticated encryption of every sealed item.
//
// # Key hierarchy
//
//	password --Argon2id(salt, Params)--> key-encryption key (KEK, 32 bytes)
//	KEK --XChaCha20-Poly1305--> wrapped vault key (a random 256-bit key)
//	vault key --XChaCha20-Poly1305, associated data = purpose + item id--> sealed items
//
// Changing the password rewraps only the vault key. Every sealed blob starts
// with a version byte and a random 24-byte nonce; the associated data binds
// a blob to its purpose and its id, so an item cannot be swapped for another
// one of the same vault without detection.
//
// # Errors
//
// Open and Unwrap return ErrOpen for any authentication failure (a wrong
// key, a wrong password, tampered or truncated data) and never say more:
// the caller decides whether that means "wrong password" or "damaged item".
// No error of this package holds key material or plaintext.
//
// # Memory
//
// Keys are []byte that the caller owns and wipes with Wipe. Plaintexts
// returned by Open are fresh slices the caller wipes when done.
package seal
