package vault

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

// The crash test: a child process (this test binary, in crash-child mode)
// makes random changes in a loop and reports each one before and after; the
// parent kills it with SIGKILL at a random instant, many times. After each
// kill the vault must open and hold exactly the completed changes, plus the
// change in flight either whole or absent, and no orphaned item.

const (
	crashChildEnv = "AUTHDESK_VAULT_CRASH_HOME"
	crashStoreEnv = "AUTHDESK_VAULT_CRASH_STORE"
)

// crashEntry is the model of one account.
type crashEntry struct {
	Name    string
	Label   string // the key is testSecret(Label)
	Pinned  bool
	Counter uint64
}

type crashModel struct {
	Password string
	Entries  []crashEntry // the person's order
}

func (m crashModel) clone() crashModel {
	m.Entries = slices.Clone(m.Entries)
	return m
}

func (m crashModel) find(name string) int {
	return slices.IndexFunc(m.Entries, func(e crashEntry) bool { return e.Name == name })
}

// apply plays one operation line on the model.
func (m crashModel) apply(op string) crashModel {
	m = m.clone()
	f := strings.Fields(op)
	switch f[0] {
	case "add":
		m.Entries = append(m.Entries, crashEntry{Name: f[1], Label: f[1]})
	case "rename":
		m.Entries[m.find(f[1])].Name = f[2]
	case "delete":
		i := m.find(f[1])
		m.Entries = slices.Delete(m.Entries, i, i+1)
	case "pin":
		m.Entries[m.find(f[1])].Pinned = f[2] == "1"
	case "counter":
		n, _ := strconv.ParseUint(f[2], 10, 64)
		m.Entries[m.find(f[1])].Counter = n
	case "reorder":
		var out []crashEntry
		for _, n := range strings.Split(f[1], ",") {
			out = append(out, m.Entries[m.find(n)])
		}
		m.Entries = out
	case "passwd":
		m.Password = f[1]
	}
	return m
}

// view is what Entries must show for the model: pinned first.
func (m crashModel) view() []crashEntry {
	var out []crashEntry
	for _, p := range []bool{true, false} {
		for _, e := range m.Entries {
			if e.Pinned == p {
				out = append(out, e)
			}
		}
	}
	return out
}

func crashOpts(home string, kind StoreKind) Options {
	return Options{Home: home, Profile: "crash", Store: kind, KDF: seal.Cheap}
}

// runCrashChild is the child's loop; it never returns.
func runCrashChild(home string, kind StoreKind) {
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	password := strings.TrimSuffix(line, "\n")
	v, err := Open(crashOpts(home, kind))
	if err == nil {
		err = v.Unlock([]byte(password), time.Now())
	}
	if err != nil {
		fmt.Printf("op:fail %v\n", err)
		os.Exit(3)
	}
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	fmt.Println("op:ready")
	for n := 0; ; n++ {
		es, err := v.Entries()
		if err != nil {
			fmt.Printf("op:fail %v\n", err)
			os.Exit(3)
		}
		op, do := crashPick(v, es, rng, n, &password)
		fmt.Println("op:begin " + op)
		if err := do(); err != nil {
			fmt.Printf("op:fail %s: %v\n", op, err)
			os.Exit(3)
		}
		fmt.Println("op:done")
	}
}

// crashPick chooses a random change that is valid for the entries.
func crashPick(v *Vault, es []Entry, rng *rand.Rand, n int, password *string) (string, func() error) {
	fresh := fmt.Sprintf("%d-%d", os.Getpid(), n)
	if len(es) < 3 || (len(es) < 12 && rng.IntN(3) == 0) {
		// Labels starting with h are HOTP accounts, t TOTP.
		label, acc := "t"+fresh, totp("t"+fresh)
		if n%2 == 0 {
			label = "h" + fresh
			acc = otpcore.NewAccount(otpcore.HOTP, label, "", testSecret(label))
		}
		return "add " + label, func() error { _, err := v.Add(label, acc); return err }
	}
	e := es[rng.IntN(len(es))]
	switch rng.IntN(7) {
	case 0:
		return "rename " + e.Name + " r" + fresh, func() error { return v.Rename(e.ID, "r"+fresh) }
	case 1:
		return "pin " + e.Name + " " + map[bool]string{true: "0", false: "1"}[e.Pinned], func() error { return v.SetPinned(e.ID, !e.Pinned) }
	case 2:
		c := rng.Uint64N(1000)
		return fmt.Sprintf("counter %s %d", e.Name, c), func() error { return v.SetCounter(e.ID, c) }
	case 3:
		perm := rng.Perm(len(es))
		var ids, ns []string
		for _, i := range perm {
			ids, ns = append(ids, es[i].ID), append(ns, es[i].Name)
		}
		// The model's reorder lists every name; Reorder keeps pins first.
		return "reorder " + strings.Join(ns, ","), func() error { return v.Reorder(ids) }
	case 4:
		newPw := "pw-" + fresh
		return "passwd " + newPw, func() error {
			old := *password
			*password = newPw
			return v.ChangePassword([]byte(old), []byte(newPw))
		}
	}
	return "delete " + e.Name, func() error { return v.Delete(e.ID) }
}

func TestCrashSafety(t *testing.T) {
	if home := os.Getenv(crashChildEnv); home != "" {
		runCrashChild(home, StoreKind(os.Getenv(crashStoreEnv)))
		return
	}
	if testing.Short() {
		t.Skip("the crash test kills a child process many times")
	}
	t.Run("file", func(t *testing.T) { crashTest(t, StoreFile, 60, 20, 5) })
	t.Run("keyring", func(t *testing.T) {
		needKeyring(t)
		crashTest(t, StoreKeyring, 15, 10, 3)
	})
}

// crashTest kills the child kills times and checks the vault after each;
// it fails when fewer than minOps changes completed or fewer than
// minInflight kills hit a change in flight (the test proved nothing).
func crashTest(t *testing.T, kind StoreKind, kills, minOps, minInflight int) {
	home := t.TempDir()
	model := crashModel{Password: "pw-0"}
	v, err := Open(crashOpts(home, kind))
	if err != nil {
		t.Fatal(err)
	}
	if kind == StoreKeyring {
		t.Cleanup(func() { _ = store.NewKeyring(serviceName(home, "crash")).Clear() })
	}
	if err := v.Init([]byte(model.Password), t0); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	deadline := time.Now().Add(40 * time.Second)
	totalOps, inflightKills := 0, 0
	// The kill comes after 0-2 completed changes, then at a random instant
	// within about two changes' time: timed by the changes the child
	// reports, so that a slow (loaded) machine still kills mid-change.
	opTime := 20 * time.Millisecond
	for k := 0; k < kills && time.Now().Before(deadline); k++ {
		d := time.Duration(rng.Int64N(int64(2 * opTime)))
		done, inflight, took := runAndKill(t, home, kind, model.Password, rng.IntN(3), d)
		if took > 0 {
			opTime = (opTime + took) / 2
		}
		for _, op := range done {
			model = model.apply(op)
		}
		totalOps += len(done)
		cands := []crashModel{model}
		if inflight != "" {
			inflightKills++
			cands = append(cands, model.apply(inflight))
		}
		model = checkCrashVault(t, home, kind, cands, fmt.Sprintf("kill %d (in flight: %q)", k, inflight))
	}
	t.Logf("%s store: %d completed changes, %d kills in the middle of a change", kind, totalOps, inflightKills)
	if totalOps < minOps || inflightKills < minInflight {
		t.Fatalf("the test exercised too little: %d changes, %d kills in flight", totalOps, inflightKills)
	}
}

// runAndKill starts the child, lets it complete afterOps changes and run for
// d more, kills it and returns the completed operations, the one in flight
// and the mean time of a change as seen from here (0 if none completed).
func runAndKill(t *testing.T, home string, kind StoreKind, password string, afterOps int, d time.Duration) (done []string, inflight string, opTime time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+home, crashStoreEnv+"="+string(kind))
	cmd.Stdin = strings.NewReader(password + "\n")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	ready := false
	timer := time.NewTimer(10 * time.Second)
	killed := false
	var began time.Time
	var spent time.Duration
	arm := func() {
		if ready && len(done) == afterOps {
			timer.Reset(d)
		}
	}
	for !killed {
		select {
		case l, ok := <-lines:
			if !ok {
				_ = cmd.Wait()
				t.Fatalf("the child ended by itself")
			}
			switch {
			case l == "op:ready" && !ready:
				ready = true
				timer.Reset(10 * time.Second)
				arm()
			case strings.HasPrefix(l, "op:begin "):
				inflight = strings.TrimPrefix(l, "op:begin ")
				began = time.Now()
			case l == "op:done":
				done, inflight = append(done, inflight), ""
				spent += time.Since(began)
				arm()
			case strings.HasPrefix(l, "op:fail"):
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Fatalf("child: %s", l)
			}
		case <-timer.C:
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	_ = cmd.Wait()
	// Lines the child wrote before it died are still in the pipe.
	for l := range lines {
		switch {
		case strings.HasPrefix(l, "op:begin "):
			inflight = strings.TrimPrefix(l, "op:begin ")
		case l == "op:done":
			done, inflight = append(done, inflight), ""
		}
	}
	_, _ = io.Copy(io.Discard, out)
	if n := len(done); n > 0 {
		opTime = spent / time.Duration(n)
	}
	return done, inflight, opTime
}

// checkCrashVault opens the vault after a kill and returns the candidate
// it matches, failing the test when it matches none.
func checkCrashVault(t *testing.T, home string, kind StoreKind, cands []crashModel, what string) crashModel {
	t.Helper()
	for _, c := range cands {
		v, err := Open(crashOpts(home, kind))
		if err != nil {
			t.Fatalf("%s: Open: %v", what, err)
		}
		if err := v.Unlock([]byte(c.Password), t0); err != nil {
			continue // the other candidate's password
		}
		es, err := v.Entries()
		if err != nil {
			t.Fatalf("%s: Entries: %v", what, err)
		}
		if !crashMatches(es, c.view()) {
			v.Lock()
			continue
		}
		// No orphan: the store holds exactly the listed items, and no
		// temporary file is left.
		var want []string
		for _, e := range es {
			want = append(want, e.ID)
		}
		ids := slices.DeleteFunc(crashStoredIDs(t, home, kind), isMetaItem)
		slices.Sort(ids)
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Fatalf("%s: the store holds %d items for %d accounts (orphans after unlock)", what, len(ids), len(want))
		}
		for _, dir := range []string{v.Dir(), itemsDirOf(v.Dir())} {
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Fatalf("%s: temporary file %s left after unlock", what, filepath.Join(dir, e.Name()))
				}
			}
		}
		v.Lock()
		return c
	}
	v, _ := Open(crashOpts(home, kind))
	err := v.Unlock([]byte(cands[0].Password), t0)
	var got []string
	if err == nil {
		got = names(t, v)
	}
	t.Fatalf("%s: the vault matches no allowed state; unlock: %v; it shows %q; expected %v", what, err, got, cands)
	return crashModel{}
}

func crashMatches(es []Entry, want []crashEntry) bool {
	if len(es) != len(want) {
		return false
	}
	for i, e := range es {
		w := want[i]
		if e.Err != nil || e.Name != w.Name || e.Pinned != w.Pinned || !e.Account.Secret.Equal(testSecret(w.Label)) {
			return false
		}
		if w.Label[0] == 'h' && (e.Account.Type != otpcore.HOTP || e.Account.Counter != w.Counter) {
			return false
		}
		if w.Label[0] == 't' && e.Account.Type != otpcore.TOTP {
			return false
		}
	}
	return true
}

// crashStoredIDs lists the items the store holds, read as another process
// would (secret-tool for the keychain).
func crashStoredIDs(t *testing.T, home string, kind StoreKind) []string {
	t.Helper()
	if kind == StoreFile {
		ids, _ := store.NewFile(itemsDirOf(ProfileDir(home, "crash"))).IDs()
		return ids
	}
	var ids []string
	for _, line := range strings.Split(string(secretTool(t, serviceName(home, "crash"))), "\n") {
		if id, ok := strings.CutPrefix(line, "attribute.username = "); ok {
			ids = append(ids, strings.TrimSpace(id))
		}
	}
	return ids
}
