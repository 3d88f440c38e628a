import { DomainError } from "./errors.js";
import type { CalendarDate } from "./roadmap.js";
import peopleManager from "./templates/people-manager.json" with { type: "json" };
import productManagement from "./templates/product-management.json" with { type: "json" };
import pmCertification from "./templates/project-management-certification.json" with {
  type: "json",
};
import publicSpeaking from "./templates/public-speaking.json" with { type: "json" };
import seniorEngineer from "./templates/senior-engineer.json" with { type: "json" };

/** A ready-made roadmap: a short description and 4-8 milestones due weeks after it is applied. */
export interface RoadmapTemplate {
  id: string;
  name: string;
  description: string;
  milestones: ReadonlyArray<{ title: string; dueInWeeks: number }>;
}

/** The templates, as data files in src/domain/templates/ (one JSON file each). */
export const ROADMAP_TEMPLATES: readonly RoadmapTemplate[] = [
  peopleManager,
  seniorEngineer,
  publicSpeaking,
  productManagement,
  pmCertification,
];

/** A template by its id ("public-speaking") or its name ("Public speaking"), any case. */
export function findTemplate(text: string): RoadmapTemplate {
  const wanted = text.trim().toLowerCase();
  const found = ROADMAP_TEMPLATES.find((t) => t.id === wanted || t.name.toLowerCase() === wanted);
  if (!found) {
    throw new DomainError("unknown_template", {
      text: text.trim(),
      choices: ROADMAP_TEMPLATES.map((t) => t.id).join(","),
    });
  }
  return found;
}

/** The template's milestones with due dates counted from `today`. */
export function templateMilestones(
  template: RoadmapTemplate,
  today: CalendarDate,
): Array<{ title: string; dueDate: CalendarDate }> {
  const start = Date.parse(`${today}T00:00:00Z`);
  return template.milestones.map((m) => ({
    title: m.title,
    dueDate: new Date(start + m.dueInWeeks * 7 * 86_400_000).toISOString().slice(0, 10),
  }));
}
