// The playground page's script: sends what the person does to the server (which turns it into
// Slack's requests to the bot) and swaps the page's parts in place when the workspace changes.
// Plain JavaScript on purpose: the page is rendered on the server, this only wires it up.

const as = document.body.dataset.as;
const open = document.body.dataset.open;
const hints = JSON.parse(document.getElementById("command-hints").textContent);
let version = -1;
const shown = {};

async function post(path, body) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ as, ...body }),
  });
  await refresh();
  return res.json();
}

// ---- keeping the page current -----------------------------------------------------------------

async function refresh() {
  const res = await fetch(`/ui/parts?as=${as}&c=${encodeURIComponent(open)}`);
  const { version: now, parts } = await res.json();
  version = now;
  for (const [id, html] of Object.entries(parts)) {
    if (shown[id] === html) continue;
    shown[id] = html;
    const el = document.getElementById(id);
    if (!el) continue;
    if (id === "modal") swapModal(el, html);
    else if (id === "main") swapMain(el, html);
    else el.innerHTML = html;
  }
}

function swapMain(el, html) {
  const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 40;
  el.innerHTML = html;
  if (atBottom || el.dataset.scrolled !== "yes") el.scrollTop = el.scrollHeight;
  el.dataset.scrolled = "yes";
}

/** Redraws the modal but keeps what the person typed when it is the same view. */
function swapModal(el, html) {
  const before = el.querySelector("form.modal");
  const typed = before ? readFields(before) : null;
  const viewId = before?.dataset.viewId;
  el.innerHTML = html;
  const after = el.querySelector("form.modal");
  if (!after || !typed || after.dataset.viewId !== viewId) return;
  for (const field of after.querySelectorAll("[data-input]")) {
    const { block_id, action_id } = JSON.parse(field.dataset.input);
    const old = typed[block_id]?.[action_id];
    if (old !== undefined) field.value = old.raw;
  }
}

async function poll() {
  try {
    const res = await fetch("/ui/version");
    const { version: now } = await res.json();
    if (now !== version) await refresh();
  } catch {
    // The server restarts or stops: keep trying quietly.
  }
  setTimeout(poll, 700);
}

// ---- Block Kit interactions -------------------------------------------------------------------

function sourceOf(el) {
  const holder = el.closest("[data-source]");
  return holder ? JSON.parse(holder.dataset.source) : null;
}

/** The action element Slack puts in a block_actions payload, from the rendered element. */
function actionOf(el) {
  const meta = JSON.parse(el.dataset.action);
  const action = { type: meta.type, action_id: meta.action_id, block_id: meta.block_id };
  if (meta.type === "button") {
    action.text = meta.text;
    if (meta.value !== undefined) action.value = meta.value;
  } else if (meta.type === "users_select") {
    action.selected_user = el.value;
  } else if (meta.type === "datepicker") {
    action.selected_date = el.value;
  } else {
    const chosen = el.selectedOptions[0];
    action.selected_option = {
      text: { type: "plain_text", text: chosen.dataset.text ?? chosen.textContent, emoji: true },
      value: chosen.value,
    };
  }
  return { meta, action };
}

/** Modal fields as Slack's view.state.values: block_id → action_id → element state. */
function readFields(form) {
  const values = {};
  for (const field of form.querySelectorAll("[data-input]")) {
    const { block_id, action_id, type } = JSON.parse(field.dataset.input);
    const state = { type, raw: field.value };
    if (type === "datepicker") state.selected_date = field.value || null;
    else if (type === "users_select") state.selected_user = field.value || null;
    else if (type === "static_select") {
      const chosen = field.selectedOptions[0];
      state.selected_option = field.value
        ? {
            text: { type: "plain_text", text: chosen.dataset.text, emoji: true },
            value: field.value,
          }
        : null;
    } else state.value = field.value;
    values[block_id] = { ...values[block_id], [action_id]: state };
  }
  return values;
}

function withoutRaw(values) {
  const clean = {};
  for (const [block, actions] of Object.entries(values)) {
    clean[block] = {};
    for (const [id, state] of Object.entries(actions)) {
      const { raw: _raw, ...rest } = state;
      clean[block][id] = rest;
    }
  }
  return clean;
}

/** Slack's confirm dialog; resolves true when confirmed. */
function confirmFirst(confirm) {
  if (!confirm) return Promise.resolve(true);
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.innerHTML = `<h2></h2><div class="confirm-text">${confirm.html}</div>
      <div class="confirm-buttons"><button type="button" value="deny"></button>
      <button type="button" value="confirm" class="bk-button ${confirm.style === "danger" ? "bk-danger" : "bk-primary"}"></button></div>`;
    dialog.querySelector("h2").textContent = confirm.title;
    dialog.querySelector('[value="deny"]').textContent = confirm.deny;
    dialog.querySelector('[value="confirm"]').textContent = confirm.confirm;
    dialog.addEventListener("click", (event) => {
      const value = event.target.value;
      if (value !== "confirm" && value !== "deny") return;
      dialog.close();
      dialog.remove();
      resolve(value === "confirm");
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

async function sendAction(el) {
  const { meta, action } = actionOf(el);
  if (!(await confirmFirst(meta.confirm))) return;
  const source = sourceOf(el);
  const form = el.closest("form.modal");
  const values = form ? withoutRaw(readFields(form)) : {};
  await post("/ui/action", { source, action, values });
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (button) {
    event.preventDefault();
    sendAction(button);
    return;
  }
  const close = event.target.closest(".close-modal");
  if (close) {
    post("/ui/close", { viewId: close.closest("form.modal").dataset.viewId });
    return;
  }
  const clock = event.target.closest("[data-clock]");
  if (clock) {
    const note = document.getElementById("clock-note");
    note.textContent = "";
    post("/ui/clock", { advance: clock.dataset.clock }).then((answer) => {
      if (!answer.ok) {
        note.textContent =
          "No check-in is planned: pair two people first, or resume a paused pair.";
      }
    });
  }
  if (event.target.closest("#run-scenario")) post("/ui/scenario", {});
  const hint = event.target.closest("#hints li");
  if (hint) useHint(hint.dataset.command);
});

document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("select[data-action], input[data-action]") && el.value) sendAction(el);
  if (el.id === "viewer") {
    const keep = open === "home" || open.startsWith("C") ? open : `D${el.value.slice(1)}`;
    location.href = `/?as=${el.value}&c=${encodeURIComponent(keep)}`;
  }
});

document.addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  if (form.matches("form.modal")) {
    post("/ui/submit", { viewId: form.dataset.viewId, values: withoutRaw(readFields(form)) });
  }
  if (form.id === "composer") {
    const box = document.getElementById("message-box");
    const text = box.value;
    box.value = "";
    showHints("");
    if (text.trim()) post("/ui/type", { conversation: open, text });
  }
});

// ---- the message box: `/` lists the commands with their hints --------------------------------

function showHints(text) {
  const list = document.getElementById("hints");
  if (!list) return;
  const typed = text.trimStart();
  const matches =
    typed.startsWith("/") && !typed.includes("\n")
      ? hints.filter((h) =>
          h.command.startsWith(
            typed.split(" ").length > 1 ? typed.split(" ").slice(0, 2).join(" ") : typed,
          ),
        )
      : [];
  list.hidden = matches.length === 0;
  list.innerHTML = "";
  for (const h of matches.slice(0, 12)) {
    const item = document.createElement("li");
    item.dataset.command = h.command;
    item.innerHTML = "<strong></strong> <span class=hint></span><div class=description></div>";
    item.querySelector("strong").textContent = h.command;
    item.querySelector(".hint").textContent = h.hint;
    item.querySelector(".description").textContent = h.description;
    list.append(item);
  }
}

function useHint(command) {
  const box = document.getElementById("message-box");
  box.value = `${command.split(/ [<[@]/)[0]} `;
  box.focus();
  showHints(box.value);
}

document
  .getElementById("message-box")
  ?.addEventListener("input", (event) => showHints(event.target.value));

// ---- start ------------------------------------------------------------------------------------

if (open === "home") post("/ui/home", {});
for (const id of ["nav", "title", "main", "modal", "clock", "warnings", "scenario"]) {
  shown[id] = document.getElementById(id)?.innerHTML;
}
const main = document.getElementById("main");
main.scrollTop = main.scrollHeight;
refresh().then(poll);
