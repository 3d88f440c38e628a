import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { DeliveryLedger, DeliveryReceipt } from "../domain/delivery-ledger.js";
import {
  type ExportFile,
  type ExportKind,
  type FileDelivery,
  UploadRefusedError,
} from "../domain/export.js";
import { deliverOnce } from "./delivery-guard.js";
import type { DirectMessenger } from "./direct-messenger.js";
import { type DmChannelStore, inDmChannel } from "./dm-channel.js";
import { filesSharedComment, uploadRefusedMessage } from "./messages/export.messages.js";
import { permanentSlackError } from "./slack-errors.js";

/** One uploaded file, as files.completeUploadExternal takes it. */
type Uploaded = { id: string; title: string };

/** Uploading three large files can take minutes; a live claim must outlast it. */
const UPLOAD_LEASE_MS = 10 * 60_000;

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
    private readonly channels: DmChannelStore,
  ) {}

  async share(
    userId: string,
    key: string,
    kind: ExportKind,
    files: readonly ExportFile[],
  ): Promise<void> {
    try {
      const share = () => this.uploadAndShare(userId, kind, files);
      await deliverOnce(this.ledger, this.clock, key, share, UPLOAD_LEASE_MS);
    } catch (error) {
      const refused = permanentSlackError(error);
      throw refused ? new UploadRefusedError(refused) : error;
    }
  }

  private async uploadAndShare(
    userId: string,
    kind: ExportKind,
    files: readonly ExportFile[],
  ): Promise<DeliveryReceipt> {
    const uploaded: Uploaded[] = [];
    for (const file of files) uploaded.push(await this.upload(file));
    const [first, ...rest] = uploaded;
    if (!first) throw new Error("nothing to share");
    return inDmChannel(this.client, this.channels, userId, async (dm) => {
      await this.client.files.completeUploadExternal({
        files: [first, ...rest],
        channel_id: dm,
        initial_comment: filesSharedComment(kind, files),
      });
      // A file share has no message ts of its own to record.
      return { channel: dm, ts: "" };
    });
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
