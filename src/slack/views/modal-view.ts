import type { ModalView } from "@slack/types";
import { fitPlain, SLACK_LIMITS } from "../messages/slack-limits.js";

/*
 * The shell every modal shares. Slack refuses a title or a button label over 24
 * characters (the whole view fails to open), so each is fitted here, once.
 */

const titleText = (text: string) => ({
  type: "plain_text" as const,
  text: fitPlain(text, SLACK_LIMITS.modalTitle),
});
const buttonText = (text: string) => ({
  type: "plain_text" as const,
  text: fitPlain(text, SLACK_LIMITS.modalButton),
});

// The field builders return plain objects, not @slack/types' unions: checked by the
// Block Kit limits of the Slack double in tests rather than by the compiler.
type ModalBlocks = readonly object[];

/** A form: its submission reaches the view listener of `callbackId`, with `metadata`. */
export function formModal(form: {
  callbackId: string;
  metadata: string;
  title: string;
  submit: string;
  close?: string;
  blocks: ModalBlocks;
}): ModalView {
  return {
    type: "modal",
    callback_id: form.callbackId,
    private_metadata: form.metadata,
    title: titleText(form.title),
    submit: buttonText(form.submit),
    close: buttonText(form.close ?? "Cancel"),
    blocks: form.blocks as ModalView["blocks"],
  };
}

/** A modal that only tells something: no submit button, just Close. */
export function noticeModal(title: string, blocks: ModalBlocks): ModalView {
  return {
    type: "modal",
    title: titleText(title),
    close: buttonText("Close"),
    blocks: blocks as ModalView["blocks"],
  };
}
