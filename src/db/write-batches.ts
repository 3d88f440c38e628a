import { BULK_WRITE_CHUNK } from "./bulk-write.js";

/**
 * What a batch's write says of single items, by position: the error that refused each (a
 * duplicate key, say). Items not in it were written. Void: all were.
 */
export type ItemRefusals = ReadonlyMap<number, unknown> | undefined;

/**
 * Writes that arrive while one is under way wait and go together in the next (a group commit),
 * one command at a time, at most `size` items a command (BULK_WRITE_CHUNK for updates, the size
 * FerretDB takes). Each caller hears back once its own item is written: with its own refusal
 * when the write names one, or with the error of the command that carried it. Nothing is held on
 * purpose: a lone write goes out at once, so this only saves commands when writes come together
 * (the check-ins a worker sends at once, commands many people type at once), and never delays one.
 */
export class WriteBatches<T> {
  private waiting: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void> | Promise<ItemRefusals>,
    private readonly size = BULK_WRITE_CHUNK,
  ) {}

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
        const batch = this.waiting.splice(0, this.size);
        try {
          const refused = (await this.write(batch.map((w) => w.item))) as ItemRefusals;
          batch.forEach((w, index) => {
            const own = refused?.get(index);
            if (own) w.reject(own);
            else w.resolve();
          });
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
