import { BULK_WRITE_CHUNK } from "./bulk-write.js";

/**
 * Writes that arrive while one is under way wait and go together in the next (a group commit,
 * as InsertCoalescer does for inserts; this is for updates, so at most BULK_WRITE_CHUNK a
 * command, the size FerretDB takes), one command at a time. Each caller hears back once its own
 * item is written, or with the error of the command that carried it. Nothing is held on purpose:
 * a lone write goes out at once, so this only saves commands when writes come together (the
 * check-ins a worker sends at once), and never delays one.
 */
export class WriteBatches<T> {
  private waiting: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, BULK_WRITE_CHUNK);
        try {
          await this.write(batch.map((w) => w.item));
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
