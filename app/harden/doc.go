// Package harden makes the running process harder to read from outside
// while it holds secrets: no core dump that would write the vault key,
// decrypted accounts or a typed password to disk, and no memory reads by
// other processes of the same user that are not root.
//
// Call [Process] first thing in main, before any secret is read.
//
// # Linux
//
// prctl(PR_SET_DUMPABLE, 0): the kernel writes no core dump of the process
// and refuses ptrace attach (gdb, strace, /proc/PID/mem) by processes of
// the same user without CAP_SYS_PTRACE; /proc/PID/ files become owned by
// root. setrlimit(RLIMIT_CORE, 0/0): no core file even if something makes
// the process dumpable again (an exec, or Go's GOTRACEBACK=crash raising
// SIGABRT), and none for the processes it starts.
//
// # Windows and macOS
//
// No call: on Windows the Go runtime already sets the error mode
// (SEM_NOGPFAULTERRORBOX and friends) and turns off Windows Error
// Reporting's fault UI at start, and lets WER see a crash only under
// GOTRACEBACK=wer; Windows has no per-process "not dumpable" switch: a
// process of the same user may open ours and read its memory. On macOS
// core dumps are off unless the user raises `ulimit -c`; ptrace denial
// (PT_DENY_ATTACH) is not used. Process returns nil there.
//
// What no setting here stops: root, and a person with the user's shell
// while the app is unlocked.
package harden
