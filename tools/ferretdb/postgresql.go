package main

// A throwaway PostgreSQL cluster for FerretDB's postgresql backend: its data lives in
// <dir>/pg, so a launcher restarted on the same -dir (the fault runs kill it) finds the same
// data; a postmaster left running by a killed launcher is reused. PostgreSQL refuses to run as
// root, so as root the cluster belongs to the `postgres` user.

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

type cluster struct {
	bin  string // directory holding initdb, pg_ctl
	data string
	port int
	cred *syscall.Credential
}

// postgresqlBin finds PostgreSQL's server programs: on PATH, else Debian's
// /usr/lib/postgresql/<major>/bin (newest first). Empty when PostgreSQL is not installed.
func postgresqlBin() string {
	if initdb, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(initdb); err == nil {
			return filepath.Dir(real)
		}
		return filepath.Dir(initdb)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return major(dirs[i]) > major(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	return ""
}

func major(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// startCluster initialises <dir>/pg when it is new and starts it unless it already runs.
func startCluster(bin, dir string) (*cluster, error) {
	c := &cluster{bin: bin, data: filepath.Join(dir, "pg")}
	var owner *user.User
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root needs a 'postgres' user for PostgreSQL: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		owner = u
	}
	if _, err := os.Stat(filepath.Join(c.data, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(c.data, 0o700); err != nil {
			return nil, err
		}
		if owner != nil {
			if err := c.handOver(dir); err != nil {
				return nil, err
			}
		}
		if err := c.run("initdb", "-D", c.data, "-U", "postgres", "-A", "trust",
			"-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
			return nil, err
		}
	}
	if port, ok := c.runningPort(); ok {
		c.port = port
		return c, nil
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	c.port = port
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", port, c.data)
	if err := c.run("pg_ctl", "-D", c.data, "-o", opts, "-l", filepath.Join(c.data, "server.log"),
		"-w", "-t", "60", "start"); err != nil {
		return nil, err
	}
	return c, nil
}

// url is FerretDB's connection string; it keeps its data in the `postgres` database.
func (c *cluster) url() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres", c.port)
}

func (c *cluster) stop() error {
	return c.run("pg_ctl", "-D", c.data, "-m", "fast", "-w", "stop")
}

// runningPort reads the port of a postmaster that still runs on this data directory.
func (c *cluster) runningPort() (int, bool) {
	if c.run("pg_ctl", "-D", c.data, "status") != nil {
		return 0, false
	}
	pid, err := os.ReadFile(filepath.Join(c.data, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	lines := strings.Split(string(pid), "\n")
	if len(lines) < 4 {
		return 0, false
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	return port, err == nil
}

// handOver gives the data directory to the postgres user and lets it reach it: the
// directories above it (the caller's temporary directory) get search permission only.
func (c *cluster) handOver(dir string) error {
	if err := os.Chown(c.data, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
		return err
	}
	for p := dir; p != "/" && p != "."; p = filepath.Dir(p) {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(p, info.Mode().Perm()|0o001); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *cluster) run(program string, args ...string) error {
	cmd := exec.Command(filepath.Join(c.bin, program), args...)
	cmd.Dir = "/"
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
		cmd.Env = append(os.Environ(), "HOME=/var/lib/postgresql")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w\n%s", program, strings.Join(args, " "), err, out)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
