import { describe, expect, it } from "vitest";
import { parseWebApiParams } from "../../../src/playground/web-api-params.js";

const FORM = "application/x-www-form-urlencoded";

describe("parseWebApiParams", () => {
  it("decodes the JSON-typed params of a form body and leaves the others as strings", () => {
    const raw = new URLSearchParams({
      channel: "D1",
      blocks: JSON.stringify([{ type: "divider" }]),
      files: JSON.stringify([{ id: "F1" }]),
      text: "[not json]",
    }).toString();
    expect(parseWebApiParams(raw, FORM)).toEqual({
      channel: "D1",
      blocks: [{ type: "divider" }],
      files: [{ id: "F1" }],
      text: "[not json]",
    });
  });

  it("reads a JSON body as it is", () => {
    const body = JSON.stringify({ channel: "D1", blocks: [{ type: "divider" }] });
    expect(parseWebApiParams(body, "application/json; charset=utf-8")).toEqual({
      channel: "D1",
      blocks: [{ type: "divider" }],
    });
  });

  it("turns a JSON-typed param that does not parse into null, or keeps it raw when asked", () => {
    const raw = new URLSearchParams({ view: "{oops" }).toString();
    expect(parseWebApiParams(raw, FORM)).toEqual({ view: null });
    expect(parseWebApiParams(raw, FORM, "keep")).toEqual({ view: "{oops" });
  });
});
