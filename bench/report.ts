/** Figures, targets and the printed table of the benchmark report. */

export type Direction = "lower" | "higher";

export interface Row {
  name: string;
  figure: number;
  unit: string;
  /** Omitted for figures printed for information only. */
  target?: { value: number; better: Direction };
  note?: string;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** < 1 meets the target either way: figure/target for "lower is better", target/figure else. */
export function ratioOf(row: Row): number | undefined {
  if (!row.target) return undefined;
  const { value, better } = row.target;
  return better === "lower" ? row.figure / value : value / row.figure;
}

export const missed = (row: Row): boolean => {
  const ratio = ratioOf(row);
  return ratio !== undefined && !(ratio <= 1);
};

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return n.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function formatTable(rows: readonly Row[]): string {
  const header = ["benchmark", "figure", "unit", "target", "ratio", "", "note"];
  const cells = rows.map((row) => {
    const ratio = ratioOf(row);
    return [
      row.name,
      formatNumber(row.figure),
      row.unit,
      row.target
        ? `${row.target.better === "lower" ? "<=" : ">="} ${formatNumber(row.target.value)}`
        : "-",
      ratio === undefined ? "-" : ratio.toFixed(3),
      ratio === undefined ? "" : missed(row) ? "MISSED" : "ok",
      row.note ?? "",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const right = new Set([1, 4]);
  const line = (c: string[]) =>
    c
      .map((v, i) => (right.has(i) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...cells.map(line)].join("\n");
}
