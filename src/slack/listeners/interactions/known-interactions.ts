import type { App } from "@slack/bolt";

type Constraint =
  | string
  | RegExp
  | { action_id?: unknown; callback_id?: unknown; block_id?: unknown };

// biome-ignore lint/suspicious/noExplicitAny: a listener of any action or view, as Bolt types it
type Listener = (args: any) => Promise<void>;

/**
 * The action ids and view callback ids some listener handles, as the listeners registered them,
 * and one Bolt listener for all buttons and one for all forms that hands each to its own.
 *
 * Why one: Bolt runs every incoming request (a slash command too) through every listener's
 * filters, a chain of promises each. With a Bolt listener per button and per form (34), that was
 * ~75 µs of CPU per request, most of what Bolt itself costs a `/mentor log` under load. A
 * listener registered with an exact id is found in a map instead; anything else (a RegExp or an
 * object constraint) still goes to Bolt as it came.
 */
export class KnownInteractions {
  private readonly actions: Constraint[] = [];
  private readonly views: Constraint[] = [];
  private readonly actionListeners = new Map<string, Listener>();
  private readonly viewListeners = new Map<string, Listener>();

  /**
   * The app as listeners see it: `action()` and `view()` note what they handle, so the guard
   * below knows every button and form without a list to keep up to date by hand. Listeners
   * registered by exact id reach Bolt at `mount()`.
   */
  recording(app: App): App {
    return new Proxy(app, {
      get: (target, prop, receiver) => {
        if (prop === "action" || prop === "view") {
          const list = prop === "action" ? this.actions : this.views;
          const byId = prop === "action" ? this.actionListeners : this.viewListeners;
          return (constraint: Constraint, ...rest: unknown[]) => {
            list.push(constraint);
            const [listener, ...more] = rest as Listener[];
            if (typeof constraint === "string" && listener && more.length === 0) {
              if (byId.has(constraint)) throw new Error(`two listeners for ${prop} ${constraint}`);
              byId.set(constraint, listener);
              return;
            }
            return (target[prop] as (...args: unknown[]) => unknown).call(
              target,
              constraint,
              ...rest,
            );
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /**
   * Registers with Bolt one listener for the buttons and one for the forms noted by id. Bolt
   * matches the union of the ids (a block action's `action_id`, a `view_submission`'s
   * `callback_id`, as for each id alone); the listener of the id then gets Bolt's arguments.
   */
  mount(app: App): void {
    const { actionListeners, viewListeners } = this;
    if (actionListeners.size > 0) {
      app.action({ action_id: anyOf(actionListeners.keys()) }, (args) =>
        route(actionListeners, (args.action as { action_id?: string }).action_id, args),
      );
    }
    if (viewListeners.size > 0) {
      app.view({ callback_id: anyOf(viewListeners.keys()), type: "view_submission" }, (args) =>
        route(viewListeners, args.view.callback_id, args),
      );
    }
  }

  hasAction(actionId: string, blockId: string): boolean {
    return this.actions.some((c) => matches(c, actionId, "action_id", blockId));
  }

  hasView(callbackId: string): boolean {
    return this.views.some((c) => matches(c, callbackId, "callback_id"));
  }
}

/** Hands Bolt's arguments to the listener of the id (Bolt matched it already). */
async function route(listeners: Map<string, Listener>, id: string | undefined, args: unknown) {
  const listener = id === undefined ? undefined : listeners.get(id);
  if (listener) await listener(args);
}

/** A pattern that matches exactly one of the ids. */
function anyOf(ids: Iterable<string>): RegExp {
  const escaped = [...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"));
  return new RegExp(`^(?:${escaped.join("|")})$`);
}

function matches(
  c: Constraint,
  id: string,
  key: "action_id" | "callback_id",
  blockId = "",
): boolean {
  const test = (pattern: unknown, value: string) =>
    pattern === undefined ||
    (typeof pattern === "string"
      ? pattern === value
      : pattern instanceof RegExp && pattern.test(value));
  if (typeof c === "string" || c instanceof RegExp) return test(c, id);
  return test(c[key], id) && (key !== "action_id" || test(c.block_id, blockId));
}
