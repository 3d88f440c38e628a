/**
 * Files the bot uploads with Slack's external upload flow (`/mentor export`, `/mentor my data`):
 * files.getUploadURLExternal reserves one, its bytes are POSTed to the upload URL, and
 * files.completeUploadExternal shares it in a conversation, where the page offers it for
 * download. Kept in this process only, and only the latest few megabytes: a playground's files
 * are small, and a restarted playground says a file is gone rather than keep it forever.
 */
import { randomBytes } from "node:crypto";

export interface UploadedFile {
  id: string;
  filename: string;
  /** The length declared when the upload URL was asked for. */
  length: number;
  content: Buffer | null;
}

/** What is kept of received bytes, oldest dropped first. */
const KEPT_BYTES = 32 * 1024 * 1024;

export class UploadedFiles {
  private readonly files = new Map<string, UploadedFile>();
  private keptBytes = 0;

  reserve(filename: string, length: number): UploadedFile {
    const file = {
      id: `F${randomBytes(5).toString("hex").toUpperCase()}`,
      filename,
      length,
      content: null,
    };
    this.files.set(file.id, file);
    return file;
  }

  /** Stores the bytes POSTed to a reserved file's URL; false for an id never handed out. */
  receive(id: string, content: Buffer): boolean {
    const file = this.files.get(id);
    if (!file) return false;
    this.keptBytes += content.length - (file.content?.length ?? 0);
    file.content = content;
    this.dropOldest();
    return true;
  }

  get(id: string): UploadedFile | undefined {
    return this.files.get(id);
  }

  private dropOldest(): void {
    for (const [id, file] of this.files) {
      if (this.keptBytes <= KEPT_BYTES) return;
      this.keptBytes -= file.content?.length ?? 0;
      this.files.delete(id);
    }
  }
}
