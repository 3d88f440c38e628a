import { DomainError } from "./errors.js";
import type { FeedbackFields } from "./feedback.js";
import { LIMITS } from "./input-rules.js";

/** At least one text field; each within the note limit; rating 1–5 or none. Errors name their field. */
export function validateFields(fields: FeedbackFields): FeedbackFields {
  const texts = {
    wentWell: fields.wentWell.trim(),
    toImprove: fields.toImprove.trim(),
    nextStep: fields.nextStep.trim(),
  };
  for (const [field, value] of Object.entries(texts)) {
    if (value.length > LIMITS.note) {
      throw new DomainError("feedback_field_too_long", {
        length: value.length,
        limit: LIMITS.note,
        field,
      });
    }
  }
  if (!texts.wentWell && !texts.toImprove && !texts.nextStep) {
    throw new DomainError("feedback_fields_empty", { field: "wentWell" });
  }
  if (
    fields.rating !== null &&
    !(Number.isInteger(fields.rating) && fields.rating >= 1 && fields.rating <= 5)
  ) {
    throw new DomainError("rating_invalid", { min: 1, max: 5, field: "rating" });
  }
  return { ...texts, rating: fields.rating };
}
