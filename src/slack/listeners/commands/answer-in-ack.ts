import type { RespondArguments } from "@slack/bolt";

/**
 * How long a command's reply may hold its ack. Slack shows the person an error when the ack
 * takes over 3 s; one second leaves two for the network and a busy process.
 */
export const ACK_REPLY_WAIT_MS = 1_000;

type Reply = RespondArguments | null;

/**
 * Acks a slash command with its reply when the reply is ready within `waitMs` (help, a usage
 * error, a refusal, a quick lookup): Slack shows the ack body as the reply, which saves the
 * response_url round trip. A slower reply is acked empty at `waitMs` and sent to response_url
 * when ready, so the person never waits longer than before. A null reply (a modal answered)
 * is an empty ack.
 */
export async function answerInAck(
  work: Promise<Reply>,
  ack: (reply?: RespondArguments) => Promise<void>,
  respond: (reply: RespondArguments) => Promise<unknown>,
  waitMs: number = ACK_REPLY_WAIT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol("late");
  const first = await Promise.race([
    work,
    new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), waitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (first !== late) {
    await (first ? ack(first) : ack());
    return;
  }
  await ack();
  const reply = await work;
  if (reply) await respond(reply);
}
