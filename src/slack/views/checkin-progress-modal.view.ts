import type { View } from "@slack/types";
import type { Checkin } from "../../domain/checkin.js";
import type { Roadmap } from "../../domain/roadmap.js";
import { progressFormModal } from "./progress-form.js";

export const CHECKIN_PROGRESS_CALLBACK = "checkin.progress";

/** A check-in's "Log progress": also answers the check-in. Metadata: the check-in id. */
export function checkinProgressModal(checkin: Checkin, roadmap: Roadmap): View {
  return progressFormModal(roadmap, {
    callbackId: CHECKIN_PROGRESS_CALLBACK,
    privateMetadata: checkin.id,
    noteLabel: "What happened? Any blockers?",
    submitLabel: "Send",
  });
}
