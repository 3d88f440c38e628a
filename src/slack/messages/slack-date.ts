/**
 * Slack renders `<!date^…>` in each reader's own time zone, so one message
 * reads right for a mentor in New York and a mentee in Kolkata.
 */
export function slackDate(at: Date, format = "{date_short_pretty} at {time}"): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^${format}|${at.toISOString().slice(0, 16).replace("T", " ")} UTC>`;
}
