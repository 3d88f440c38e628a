/** The reply when someone sends more commands or clicks a minute than COMMANDS_PER_MINUTE. */
export const SLOW_DOWN_MESSAGE =
  ":hourglass_flowing_sand: That's a lot of requests in a short time, so I'm taking a short breather. Nothing was changed: please slow down and try again in a minute.";
