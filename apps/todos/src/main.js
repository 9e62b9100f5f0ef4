// Todos: the sample web app shipped with Hearth. It reads what the server wrote into
// index.html (`data-cozy`: the app token and the instance's host), talks to the instance
// with cozy-client and follows every change to io.cozy.todos, made here or by any other
// client, through cozy-realtime.
import CozyClient, { Q } from 'cozy-client';
import CozyRealtime from 'cozy-realtime';

const DOCTYPE = 'io.cozy.todos';
const root = document.getElementById('todos');
const cozy = JSON.parse(root.dataset.cozy);
const client = new CozyClient({
  uri: `${window.location.protocol}//${cozy.domain}`,
  token: cozy.token,
  schema: { todos: { doctype: DOCTYPE } },
});
const realtime = new CozyRealtime({ client });
const todos = new Map();
const list = document.getElementById('list');
const status = document.getElementById('status');

/** The page's state, for whoever drives it (tests, the browser's console). */
window.todos = { client, realtime, todos, ready: false };

function asTodo(doc) {
  return { ...doc, _id: doc._id || doc.id, _type: DOCTYPE };
}

function render() {
  const sorted = [...todos.values()].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  list.replaceChildren(...sorted.map(row));
  status.textContent = sorted.length === 1 ? '1 todo' : `${sorted.length} todos`;
  status.className = '';
}

function row(todo) {
  const li = document.createElement('li');
  li.dataset.id = todo._id;
  li.className = todo.done ? 'done' : '';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = Boolean(todo.done);
  box.setAttribute('aria-label', 'done');
  box.addEventListener('change', () => run(client.save({ ...todo, done: box.checked })));
  const label = document.createElement('span');
  label.textContent = todo.label;
  const remove = document.createElement('button');
  remove.textContent = 'Delete';
  remove.addEventListener('click', () => run(client.destroy(todo)));
  li.append(box, label, remove);
  return li;
}

/** Writes go through cozy-client; the page changes when their realtime event comes back. */
async function run(write) {
  try {
    const { data } = await write;
    if (data && !data._deleted) todos.set(data._id, asTodo(data));
    render();
  } catch (e) {
    showError(e);
  }
}

function showError(e) {
  status.textContent = `Error: ${e.message}`;
  status.className = 'error';
}

document.getElementById('new-todo').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('label');
  const label = input.value.trim();
  input.value = '';
  if (label) run(client.create(DOCTYPE, { label, done: false, created_at: new Date().toISOString() }));
});

realtime.subscribe('created', DOCTYPE, (doc) => {
  todos.set(doc._id, asTodo(doc));
  render();
});
realtime.subscribe('updated', DOCTYPE, (doc) => {
  todos.set(doc._id, asTodo(doc));
  render();
});
realtime.subscribe('deleted', DOCTYPE, (doc) => {
  todos.delete(doc._id);
  render();
});

client
  .query(Q(DOCTYPE).limitBy(1000))
  .then(({ data }) => {
    for (const doc of data) todos.set(doc._id, asTodo(doc));
    render();
    window.todos.ready = true;
  })
  .catch(showError);
