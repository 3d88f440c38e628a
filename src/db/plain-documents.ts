import { type Schema, Types } from "mongoose";

type Entry = Record<string, unknown>;

/** What an entry's field must be for the short way; anything else goes the long way. */
interface PlainPath {
  name: string;
  kind: "String" | "Date" | "Mixed";
  required: boolean;
  enumValues: readonly string[] | null;
  /** A String's default (a Mixed's may only be `{}`, which mongoose leaves out as empty). */
  fallback: string | undefined;
}

/**
 * The document mongoose would insert for an entry of a flat append-only schema (String, Date and
 * Mixed fields; `required`, `enum` and defaults only), made without a mongoose Document when the
 * entry already holds exactly what the schema asks: a new `_id`, the fields as given, defaults for
 * the missing, an empty Mixed left out (mongoose's `minimize`). For anything else (a value to
 * cast, a field to refuse, a nested object) it answers null, and the caller goes through mongoose,
 * which casts, refuses or nests as ever.
 *
 * Why: `new Model(entry)`, `validate()` and `toObject()` cost 26-34 µs an entry, and a `/mentor
 * log` appends two (its progress entry and its audit line); this costs a few.
 */
export function plainDocuments(schema: Schema): ((entry: Entry) => Entry | null) | null {
  const paths = plainPaths(schema);
  if (!paths) return null;
  const known = new Set(paths.map((p) => p.name));
  return (entry) => {
    for (const key in entry) if (!known.has(key)) return null;
    const doc: Entry = { _id: new Types.ObjectId() };
    for (const path of paths) {
      const value = entry[path.name];
      if (value === undefined) {
        if (path.required) return null;
        if (path.fallback !== undefined) doc[path.name] = path.fallback;
        continue;
      }
      const plain = plainValue(path, value);
      if (plain === null) return null;
      if (plain !== undefined) doc[path.name] = plain;
    }
    return doc;
  };
}

/** The value as stored, undefined to leave it out, or null when mongoose must decide. */
function plainValue(path: PlainPath, value: unknown): unknown {
  switch (path.kind) {
    case "String":
      if (typeof value !== "string" || (path.required && value === "")) return null;
      return !path.enumValues || path.enumValues.includes(value) ? value : null;
    case "Date":
      return value instanceof Date && !Number.isNaN(value.getTime()) ? new Date(value) : null;
    case "Mixed":
      return flatObject(value);
  }
}

/** A copy of an object of strings, numbers and booleans; undefined if empty; else null. */
function flatObject(value: unknown): Entry | null | undefined {
  if (
    typeof value !== "object" ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return null;
  }
  const copy: Entry = {};
  let fields = 0;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return null;
    copy[key] = v;
    fields += 1;
  }
  return fields > 0 ? copy : undefined;
}

/** The schema's fields, if every one is plain enough for the short way (read once). */
function plainPaths(schema: Schema): PlainPath[] | null {
  const options = schema.options as { versionKey?: unknown; timestamps?: unknown };
  if (options.versionKey !== false || options.timestamps) return null;
  const paths: PlainPath[] = [];
  for (const [name, type] of Object.entries(schema.paths)) {
    const t = type as unknown as {
      instance: string;
      isRequired?: boolean;
      enumValues?: string[];
      options: { default?: unknown };
      validators: Array<{ type?: string }>;
      setters: unknown[];
      getters: unknown[];
    };
    if (name === "_id") {
      if (t.instance !== "ObjectId") return null;
      continue;
    }
    const kind = t.instance;
    if (kind !== "String" && kind !== "Date" && kind !== "Mixed") return null;
    if (t.setters.length > 0 || t.getters.length > 0) return null;
    if (t.validators.some((v) => v.type !== "required" && v.type !== "enum")) return null;
    // Mongoose keeps a Mixed's `default: {}` as a function making a new {}: asked once here.
    const written = t.options.default;
    const fallback = kind === "Mixed" && typeof written === "function" ? written() : written;
    const emptyObject = flatObject(fallback) === undefined;
    if (
      kind === "Mixed"
        ? fallback !== undefined && !emptyObject
        : fallback !== undefined && typeof fallback !== "string"
    ) {
      return null;
    }
    paths.push({
      name,
      kind,
      required: t.isRequired === true,
      enumValues: t.enumValues && t.enumValues.length > 0 ? t.enumValues : null,
      fallback: typeof fallback === "string" ? fallback : undefined,
    });
  }
  return paths;
}
