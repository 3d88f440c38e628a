// Command ferretdb-launcher starts FerretDB 1.24 on its SQLite backend, or with
// -backend postgresql (or auto, when PostgreSQL is installed) on a throwaway PostgreSQL
// cluster of its own in <dir>/pg, stopped again when the launcher exits.
//
// The upstream `cmd/ferretdb` panics when installed with `go install`
// because its version file is generated at release time, so the test
// harness embeds the library directly instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "", "directory that holds the databases (required)")
	backend := flag.String("backend", "sqlite", "sqlite, postgresql, or auto (postgresql when installed)")
	equalityIndexes := flag.Bool("equality-indexes", os.Getenv("FERRETDB_EQUALITY_INDEXES") != "0",
		"postgresql: serve equality filters from GIN twins of FerretDB's indexes (see equality_indexes.go); false (or FERRETDB_EQUALITY_INDEXES=0) measures FerretDB as it ships")
	flag.Parse()

	if *dir == "" {
		log.Fatal("-dir is required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	bin := postgresqlBin()
	switch *backend {
	case "sqlite":
	case "postgresql":
		if bin == "" {
			log.Fatal("-backend postgresql: PostgreSQL is not installed (no initdb found)")
		}
	case "auto":
		*backend = "sqlite"
		if bin != "" {
			*backend = "postgresql"
		}
	default:
		log.Fatalf("-backend must be sqlite, postgresql or auto, not %q", *backend)
	}
	os.Exit(run(*listen, *dir, *backend, bin, *equalityIndexes))
}

func run(listen, dir, backend, bin string, equalityIndexes bool) int {
	config := ferretdb.Config{
		Logger:    slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})),
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Handler:   backend,
		SQLiteURL: "file:" + dir + "/",
	}
	if backend == "postgresql" {
		c, err := startCluster(bin, dir)
		if err != nil {
			log.Print(err)
			return 1
		}
		defer func() {
			if err := c.stop(); err != nil {
				log.Print(err)
			}
		}()
		if equalityIndexes {
			if err := c.serveEqualityFromIndexes(); err != nil {
				log.Print(err)
				return 1
			}
		}
		config.PostgreSQLURL = c.url()
		config.SQLiteURL = ""
	}

	// The embedded library never starts a telemetry reporter and also
	// marks telemetry as disabled and locked in its state provider.
	f, err := ferretdb.New(&config)
	if err != nil {
		log.Print(err)
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	indexes := ""
	if backend == "postgresql" && equalityIndexes {
		indexes = ", equality served from indexes"
	}
	fmt.Printf("ferretdb listening on %s, backend %s%s\n", listen, backend, indexes)
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Print(err)
		return 1
	}
	return 0
}
