// Roadmap templates (issue 16): data files with a description and 4-8 milestones each.
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import {
  findTemplate,
  ROADMAP_TEMPLATES,
  templateMilestones,
} from "../../src/domain/roadmap-templates.js";

describe("roadmap templates", () => {
  it("offers the five templates, each described, with 4-8 milestones in due order", () => {
    expect(ROADMAP_TEMPLATES.map((t) => t.name)).toEqual([
      "Become a people manager",
      "Grow into a senior engineer",
      "Public speaking",
      "Move into product management",
      "Project management certification",
    ]);
    for (const template of ROADMAP_TEMPLATES) {
      expect(template.description.length, template.id).toBeGreaterThan(20);
      expect(template.milestones.length, template.id).toBeGreaterThanOrEqual(4);
      expect(template.milestones.length, template.id).toBeLessThanOrEqual(8);
      const weeks = template.milestones.map((m) => m.dueInWeeks);
      expect(weeks, template.id).toEqual([...weeks].sort((a, b) => a - b));
      expect(weeks[0], template.id).toBeGreaterThan(0);
    }
    expect(new Set(ROADMAP_TEMPLATES.map((t) => t.id)).size).toBe(ROADMAP_TEMPLATES.length);
  });

  it("finds a template by id or name, and refuses an unknown one with the choices", () => {
    expect(findTemplate("public-speaking").name).toBe("Public speaking");
    expect(findTemplate("  Become a People Manager ").id).toBe("people-manager");
    try {
      findTemplate("astronaut");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("unknown_template");
      expect((error as DomainError).details.choices).toContain("public-speaking");
    }
  });

  it("dates milestones weeks from the day it is applied", () => {
    const dated = templateMilestones(findTemplate("public-speaking"), "2026-11-23");
    expect(dated[0]).toEqual({
      title: "Present an update in a team meeting",
      dueDate: "2026-12-07",
    });
    expect(dated.at(-1)?.dueDate).toBe("2027-06-21");
  });
});
