/** Slack's user_change event for a deactivated account (the whole user object, as Slack sends it). */
export const deactivated = (id: string, name: string) => ({
  type: "user_change",
  user: {
    id,
    team_id: "T0001",
    name,
    deleted: true,
    real_name: name,
    tz: "America/New_York",
    is_bot: false,
    profile: { display_name: name, real_name: name },
  },
});
