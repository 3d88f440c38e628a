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
      throw new DomainError("invalid_input", {
        field,
        message: `This is ${value.length} characters; the limit is ${LIMITS.note}. Please shorten it.`,
      });
    }
  }
  if (!texts.wentWell && !texts.toImprove && !texts.nextStep) {
    throw new DomainError("invalid_input", {
      field: "wentWell",
      message: "Write at least one thing: what went well, what to improve, or a next step.",
    });
  }
  if (
    fields.rating !== null &&
    !(Number.isInteger(fields.rating) && fields.rating >= 1 && fields.rating <= 5)
  ) {
    throw new DomainError("invalid_input", {
      field: "rating",
      message: "A rating is a whole number from 1 to 5.",
    });
  }
  return { ...texts, rating: fields.rating };
}
