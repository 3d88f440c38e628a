import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { DeliveryLedger } from "../domain/delivery-ledger.js";
import {
  type ExportFile,
  type ExportKind,
  type FileDelivery,
  UploadRefusedError,
} from "../domain/export.js";
import { inProgress, recordSent } from "./delivery-guard.js";
import type { DirectMessenger } from "./direct-messenger.js";
import { filesSharedComment, uploadRefusedMessage } from "./messages/export.messages.js";
import { permanentSlackError } from "./slack-errors.js";

/** One uploaded file, as files.completeUploadExternal takes it. */
type Uploaded = { id: string; title: string };

/** Uploading three large files can take minutes; a live claim must outlast it. */
const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * Slack's upload flow: files.getUploadURLExternal for each file, its bytes
 * streamed to the returned URL, then one files.completeUploadExternal that
 * shares them all in the DM. Slack discards uploads never completed, so a
 * refusal at any step leaves nothing half-shared. The completion is claimed in
 * the delivery ledger first: a retried job shares nothing twice.
 */
export class SlackFileDelivery implements FileDelivery {
  constructor(
    private readonly client: WebClient,
    private readonly ledger: DeliveryLedger,
    private readonly clock: Clock,
    private readonly messenger: DirectMessenger,
  ) {}

  async share(
    userId: string,
    key: string,
    kind: ExportKind,
    files: readonly ExportFile[],
  ): Promise<void> {
    const claim = await this.ledger.claim(key, this.clock.now(), CLAIM_LEASE_MS);
    if (claim.outcome === "sent") return;
    if (claim.outcome !== "claimed") throw inProgress(key, claim, this.clock.now());
    let channel: string;
    try {
      const uploaded: Uploaded[] = [];
      for (const file of files) uploaded.push(await this.upload(file));
      const [first, ...rest] = uploaded;
      if (!first) throw new Error("nothing to share");
      const opened = await this.client.conversations.open({ users: userId });
      const dm = opened.channel?.id;
      if (!dm) throw new Error("conversations.open returned no channel");
      await this.client.files.completeUploadExternal({
        files: [first, ...rest],
        channel_id: dm,
        initial_comment: filesSharedComment(kind, files),
      });
      channel = dm;
    } catch (error) {
      await this.ledger.release(key, claim.token);
      const refused = permanentSlackError(error);
      throw refused ? new UploadRefusedError(refused) : error;
    }
    // Shared: the claim is kept from here on, and recording it is retried.
    await recordSent(this.ledger, this.clock, key, { channel, ts: "" });
  }

  async refused(userId: string, key: string, kind: ExportKind, code: string): Promise<void> {
    await this.messenger.sendOnce(`${key}:refused`, userId, uploadRefusedMessage(kind, code));
  }

  private async upload(file: ExportFile): Promise<Uploaded> {
    const target = await this.client.files.getUploadURLExternal({
      filename: file.filename,
      length: file.bytes,
    });
    if (!target.upload_url || !target.file_id) throw new Error("no upload_url from Slack");
    // Streamed from disk: the file is never in memory whole.
    const response = await fetch(target.upload_url, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(file.bytes),
      },
      body: Readable.toWeb(createReadStream(file.path)) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    if (!response.ok) throw new Error(`upload of ${file.filename}: HTTP ${response.status}`);
    await response.body?.cancel();
    return { id: target.file_id, title: file.title };
  }
}
