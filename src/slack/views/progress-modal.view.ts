import type { View } from "@slack/types";
import type { Roadmap } from "../../domain/roadmap.js";
import { progressFormModal } from "./progress-form.js";

export const LOG_PROGRESS_CALLBACK = "progress.log";

/** App Home's "Log progress". Metadata: the relationship id. */
export function logProgressModal(roadmap: Roadmap): View {
  return progressFormModal(roadmap, {
    callbackId: LOG_PROGRESS_CALLBACK,
    privateMetadata: roadmap.relationshipId,
    noteLabel: "What happened?",
    submitLabel: "Log",
  });
}
