// rollout dashboard: the list of rollouts and one rollout's page, live through server-sent
// events. Plain DOM: every piece of data goes in through textContent or an attribute, never
// through HTML parsing, so a name like <script>…</script> is shown as text.
'use strict';

const BASE = '/dashboard/';
const API = BASE + 'api/';
const TOKEN_KEY = 'rollout-dashboard-token';

const state = {
  info: { title: 'rollout', readOnly: false, strategies: [] },
  token: '',
  page: null, // the list page or a rollout page object (see listPage / rolloutPage)
};

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Makes an element: el('td', {className: 'num'}, 'text', child…). Strings become text nodes. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces `node`'s children, skipping null/false (replaceChildren would print "null"). */
function put(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** Human age: 45s, 3m, 2h, 4d. */
function age(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  if (s < 60) return s + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm';
  if (s < 86400) return Math.floor(s / 3600) + 'h';
  return Math.floor(s / 86400) + 'd';
}

const PHASE_SYMBOL = {
  Healthy: '✓', Progressing: '↻', Paused: '‖', Degraded: '✕', // rollouts
  Successful: '✓', Running: '↻', Pending: '…', Failed: '✕', Error: '✕', Inconclusive: '?', // analysis
};

/** The phase badge: a symbol (hidden from screen readers) and the phase's word. */
function badge(phase, id) {
  return el('span', { className: 'badge ' + phase, id },
    el('span', { 'aria-hidden': 'true' }, (PHASE_SYMBOL[phase] || '•') + ' '), phase);
}

/** A cluster time: virtual seconds on the simulated cluster, Unix seconds on a real one. */
function clock(seconds) {
  return seconds > 1e9 ? new Date(seconds * 1000).toISOString().replace('.000', '') : `t=${seconds}s`;
}

function stepText(step) { return step ? `${step.index}/${step.count}` : '—'; }
function weightText(s) {
  if (s.setWeight == null && s.actualWeight == null) return '—';
  return `${s.setWeight ?? '—'} / ${s.actualWeight ?? '—'}`;
}
function rolloutPath(ns, name) {
  return `${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
}

/** Announces `text` in the live status region (errors are marked, not only coloured). */
function announce(text, isError) {
  const status = document.getElementById('status');
  status.classList.toggle('error', !!isError);
  status.textContent = isError ? 'Error: ' + text : text;
}

/** GET a JSON document; throws an Error carrying the server's message and status. */
async function getJSON(path) {
  const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

/** POST JSON with the token; resolves to the Response (callers read JSON or a Blob). */
function post(path, body) {
  return fetch(API + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Rollout-Token': state.token },
    body: JSON.stringify(body),
  });
}

// ---------------------------------------------------------------------------------------------
// The token: taken from #token=… once, kept in sessionStorage, removed from the address bar.

function readToken() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  state.token = sessionStorage.getItem(TOKEN_KEY) || '';
}

/** A field to paste the token into, shown where actions are when there is none. */
function tokenForm(onSaved) {
  const input = el('input', { id: 'token-input', type: 'password', autocomplete: 'off' });
  const save = () => {
    const value = input.value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    state.token = value;
    announce('Token saved for this tab.');
    onSaved();
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') save(); });
  return el('div', { className: 'token-form' },
    el('label', { for: 'token-input' }, 'Access token (printed by rollout dashboard)'), input,
    el('button', { type: 'button', on: { click: save } }, 'Use token'));
}

// ---------------------------------------------------------------------------------------------
// The list page

/** Text order for sorting: numbers inside names in numeric order (app-9 before app-10). */
const collate = new Intl.Collator(undefined, { numeric: true }).compare;

const COLUMNS = [
  { key: 'name', label: 'Name', value: (s) => s.name },
  { key: 'namespace', label: 'Namespace', value: (s) => s.namespace },
  { key: 'strategy', label: 'Strategy', value: (s) => s.strategy },
  { key: 'phase', label: 'Phase', value: (s) => s.phase + ' ' + (s.reason || '') },
  { key: 'step', label: 'Step', value: (s) => (s.step ? s.step.index / Math.max(1, s.step.count) : -1) },
  { key: 'weight', label: 'Weight (set / actual)', value: (s) => s.setWeight ?? -1 },
  { key: 'revision', label: 'Revision', value: (s) => s.revision, num: true },
  { key: 'images', label: 'Images', value: (s) => s.images.join(' ') },
  { key: 'age', label: 'Age', value: (s) => s.age, num: true },
];

function listPage(main) {
  const rows = new Map(); // "ns/name" -> {summary, tr}
  let sort = { key: 'name', dir: 1 };

  const nsSelect = el('select', { id: 'ns-filter' }, el('option', { value: '' }, 'All namespaces'));
  const search = el('input', { id: 'search', type: 'search', placeholder: 'name, image, strategy, phase' });
  const count = el('p', { className: 'count', id: 'count' });
  // Explicit table roles: the stylesheet lays the list out as flex rows, which would otherwise
  // drop the table's semantics in some browsers.
  const headers = COLUMNS.map((col) => el('th', { scope: 'col', role: 'columnheader', className: col.num ? 'num' : '', dataset: { key: col.key } },
    el('button', { type: 'button', className: 'sort', on: { click: () => sortBy(col.key) } }, col.label)));
  const tbody = el('tbody', { role: 'rowgroup' });
  const table = el('table', { id: 'rollouts', role: 'table', 'aria-label': 'Rollouts' },
    el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, headers)), tbody);
  put(main,
    el('h1', {}, state.info.title || 'Rollouts'),
    el('div', { className: 'filters' },
      el('label', { for: 'ns-filter' }, 'Namespace', nsSelect),
      el('label', { for: 'search' }, 'Search', search)),
    count, table);
  nsSelect.addEventListener('change', applyFilter);
  search.addEventListener('input', applyFilter);

  /** Fills (or refills) one row's cells from a summary. */
  function fill(tr, s) {
    const link = el('a', { href: BASE + 'rollouts/' + rolloutPath(s.namespace, s.name) }, s.name);
    const cell = (className, ...content) => el('td', { role: 'cell', className }, ...content);
    put(tr,
      cell('name', link),
      cell('', s.namespace),
      cell('', s.strategy),
      cell('phase', badge(s.phase), s.reason ? el('span', { className: 'reason' }, s.reason) : null),
      cell('step', stepText(s.step)),
      cell('weight', weightText(s)),
      cell('num', s.revision),
      cell('images mono', s.images.join(', ')),
      el('td', { role: 'cell', className: 'num', title: `${s.age} s` }, age(s.age)));
  }

  function upsert(s) {
    const key = `${s.namespace}/${s.name}`;
    let row = rows.get(key);
    if (!row) {
      row = { tr: el('tr', { role: 'row', dataset: { key } }) };
      rows.set(key, row);
      tbody.append(row.tr);
    }
    row.summary = s;
    const hadFocus = row.tr.contains(document.activeElement); // keep keyboard users in place
    fill(row.tr, s);
    if (hadFocus) row.tr.querySelector('a').focus();
    return row;
  }

  function remove(key) {
    const row = rows.get(key);
    if (row) { row.tr.remove(); rows.delete(key); }
  }

  /** Lists the namespaces seen, keeping the current choice. */
  function refreshNamespaces() {
    const names = [...new Set([...rows.values()].map((r) => r.summary.namespace))].sort();
    const current = nsSelect.value;
    const have = [...nsSelect.options].slice(1).map((o) => o.value);
    if (have.join('\n') === names.join('\n')) return;
    put(nsSelect, el('option', { value: '' }, 'All namespaces'),
      ...names.map((n) => el('option', { value: n }, n)));
    nsSelect.value = names.includes(current) ? current : '';
  }

  /** Whether a row passes the namespace filter and every search word. */
  function matches(s) {
    const ns = nsSelect.value;
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const text = [s.name, s.strategy, s.phase, s.reason || '', ...s.images].join(' ').toLowerCase();
    return (!ns || s.namespace === ns) && words.every((w) => text.includes(w));
  }

  function countShown() {
    let shown = 0;
    for (const { tr } of rows.values()) if (!tr.hidden) shown += 1;
    count.textContent = `${shown} of ${rows.size} rollouts`;
  }

  function applyFilter() {
    for (const { summary, tr } of rows.values()) tr.hidden = !matches(summary);
    countShown();
  }

  function applySort() {
    const col = COLUMNS.find((c) => c.key === sort.key);
    const sorted = [...rows.values()].sort((a, b) => {
      const x = col.value(a.summary), y = col.value(b.summary);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collate(String(x), String(y));
      return order * sort.dir || collate(a.tr.dataset.key, b.tr.dataset.key);
    });
    // Move rows only when the order changed (keeps focus and is cheap on live updates).
    const current = tbody.children;
    if (!sorted.every((r, i) => current[i] === r.tr)) tbody.append(...sorted.map((r) => r.tr));
    for (const th of headers) {
      th.setAttribute('aria-sort', th.dataset.key === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
  }

  function sortBy(key) {
    sort = { key, dir: sort.key === key ? -sort.dir : 1 };
    applySort();
  }

  function changed() { refreshNamespaces(); applySort(); applyFilter(); }

  async function load() {
    const body = await getJSON('rollouts');
    const seen = new Set();
    for (const s of body.rollouts) seen.add(upsert(s).tr.dataset.key);
    for (const key of [...rows.keys()]) if (!seen.has(key)) remove(key);
    changed();
    return body.lastEventId;
  }

  return {
    /** Renders the list; resolves to the event id to follow from. */
    async start() {
      const after = await load();
      window.__renderedAt = performance.now(); // the first full render (read by the bench)
      return after;
    },
    onRollout(s) {
      const before = rows.get(`${s.namespace}/${s.name}`)?.summary;
      const row = upsert(s);
      const col = COLUMNS.find((c) => c.key === sort.key);
      if (!before || before.namespace !== s.namespace || col.value(before) !== col.value(s)) {
        changed(); // a new row, or one that may move: sort and filter them all
      } else {
        row.tr.hidden = !matches(s); // the common live update: this row alone
        countShown();
      }
      if (!before || before.phase !== s.phase || before.reason !== s.reason) {
        announce(`${s.namespace}/${s.name} ${before ? 'is now' : 'appeared'}: ${s.phase}${s.reason ? ' (' + s.reason + ')' : ''}`);
      }
    },
    onRemoved(r) {
      remove(`${r.namespace}/${r.name}`);
      changed();
      announce(`${r.namespace}/${r.name} was removed`);
    },
    onReset: load,
  };
}

// ---------------------------------------------------------------------------------------------
// One rollout's page

const VERB_TEXT = {
  promote: 'Promote to the next step?',
  'promote-full': 'Promote fully, skipping every remaining step and analysis?',
  abort: 'Abort the rollout, scaling the stable revision back up?',
  retry: 'Retry the aborted rollout from its first step?',
  pause: 'Pause the rollout where it is?',
  resume: 'Resume the paused rollout?',
  undo: 'Roll back to an earlier revision?',
  restart: 'Restart every pod of the rollout?',
};

function rolloutPage(main, ns, name) {
  const path = 'rollouts/' + rolloutPath(ns, name);
  let detail = null;
  let chartVersion = 0;
  let loading = null;
  let again = false;

  // The parts rebuilt on every refresh; the chart and what-if panel are built once.
  const facts = el('section', { 'aria-labelledby': 'h-facts' });
  const actions = el('section', { 'aria-labelledby': 'h-actions', id: 'actions-section' });
  const dynamic = el('div');
  const chart = el('img', { id: 'chart', alt: `Chart of the rollout ${ns}/${name}: replicas and weights over time` });
  const strategy = el('select', { id: 'whatif-strategy' });
  const image = el('input', { id: 'whatif-image', type: 'text', placeholder: 'container=image:tag (optional)' });
  const run = el('button', { type: 'button', id: 'whatif-run' }, 'Run');
  const whatifImg = el('img', { id: 'whatif', alt: 'What-if chart: not run yet', hidden: true });
  const whatifNote = el('p', { className: 'empty', id: 'whatif-note' }, 'Choose a strategy and run it to compare.');
  let whatifURL = null;

  for (const s of state.info.strategies || []) strategy.append(el('option', { value: s }, s));
  run.addEventListener('click', runWhatIf);

  put(main,
    el('p', {}, el('a', { href: BASE, id: 'back' }, '← All rollouts')),
    el('h1', { id: 'name' }, name),
    facts, actions,
    el('section', { 'aria-labelledby': 'h-chart' },
      el('h2', { id: 'h-chart' }, 'Chart and what-if'),
      el('div', { className: 'whatif-form', role: 'group', 'aria-label': 'What-if' },
        el('label', { for: 'whatif-strategy' }, 'Strategy', strategy),
        el('label', { for: 'whatif-image' }, 'Image', image), run),
      el('div', { className: 'charts' },
        el('figure', {}, chart, el('figcaption', {}, 'Current rollout')),
        el('figure', {}, whatifImg, whatifNote, el('figcaption', {}, 'What-if')))),
    dynamic);

  function bumpChart() {
    chartVersion += 1;
    chart.src = `${API}${path}/chart.svg?v=${chartVersion}`;
  }

  /** Posts the what-if request; shows the returned SVG through a Blob URL. */
  async function runWhatIf() {
    const body = { strategy: strategy.value };
    if (image.value.trim()) body.image = image.value.trim();
    run.disabled = true;
    try {
      const response = await post(path + '/whatif', body);
      if (!response.ok) {
        const err = await response.json().catch(() => ({}));
        throw new Error(err.error || `HTTP ${response.status}`);
      }
      const blob = await response.blob();
      if (whatifURL) URL.revokeObjectURL(whatifURL);
      whatifURL = URL.createObjectURL(blob);
      whatifImg.src = whatifURL;
      whatifImg.alt = `What-if chart: ${name} with the ${body.strategy} strategy` + (body.image ? ` and ${body.image}` : '');
      whatifImg.hidden = false;
      whatifNote.hidden = true;
      announce(`What-if with ${body.strategy} ready.`);
    } catch (error) {
      announce(`what-if: ${error.message}`, true);
    } finally {
      run.disabled = false;
    }
  }

  function renderFacts(s) {
    const row = (label, ...value) => [el('dt', {}, label), el('dd', {}, ...value)];
    put(facts,
      el('h2', { id: 'h-facts' }, 'Status'),
      el('dl', { className: 'facts' },
        row('Namespace', s.namespace), row('Kind', s.kind), row('Strategy', s.strategy),
        row('Phase', badge(s.phase, 'phase'), s.reason ? el('span', { className: 'reason', id: 'reason' }, s.reason) : null),
        row('Message', el('span', { id: 'message' }, s.message || '—')),
        row('Step', el('span', { id: 'step' }, stepText(s.step))),
        row('Weight (set / actual)', el('span', { id: 'weight' }, weightText(s))),
        row('Revision', el('span', { id: 'revision' }, s.revision)),
        row('Images', el('span', { className: 'mono' }, s.images.join(', '))),
        row('Replicas', `${s.replicas} desired, ${s.updated} updated, ${s.ready} ready, ${s.available} available`),
        row('Age', age(s.age))));
  }

  function renderActions(d) {
    if (state.info.readOnly) { put(actions); actions.hidden = true; return; }
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.verb : null;
    const buttons = d.actions.map((a) => el('button', {
      type: 'button', dataset: { verb: a.verb }, disabled: !a.allowed,
      title: a.allowed ? '' : 'Not possible in the rollout\'s current state',
      on: { click: () => confirmAction(a) },
    }, a.label));
    put(actions,
      el('h2', { id: 'h-actions' }, 'Actions'),
      el('div', { className: 'actions', role: 'group', 'aria-label': 'Actions' }, buttons),
      state.token ? null : tokenForm(() => renderActions(detail)));
    const refocus = buttons.find((b) => b.dataset.verb === focused && !b.disabled);
    if (refocus) refocus.focus();
  }

  /** A table with a header row; `cells` maps an item to its row's cells. */
  function table(id, heads, items, cells, emptyText) {
    if (!items.length) return el('p', { className: 'empty' }, emptyText);
    return el('table', { id },
      el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map((item) => el('tr', {}, cells(item).map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c)))))));
  }

  function replicaSetTree(d) {
    if (!d.replicaSets.length) return el('p', { className: 'empty' }, 'No ReplicaSets.');
    return el('ul', { className: 'tree', id: 'replicasets' }, d.replicaSets.map((rs) => el('li', {},
      el('span', { className: 'rs-name mono' }, rs.name), ` revision ${rs.revision} `,
      rs.roles.map((r) => el('span', { className: 'role' }, r)),
      ` ${rs.replicas} replicas, ${rs.ready} ready, ${rs.available} available · `,
      el('span', { className: 'mono' }, rs.images.join(', ')),
      rs.pods.length ? el('ul', {}, rs.pods.map((p) => el('li', {},
        el('span', { className: 'mono' }, p.name), ` ${p.status} · `,
        el('span', { className: p.ready ? 'ok' : 'bad' }, p.ready ? '✓ ready' : '✕ not ready'),
        ` · ${p.restarts} restarts · ${age(p.age)}`))) : null)));
  }

  function analysisRuns(d) {
    if (!d.analysisRuns || !d.analysisRuns.length) return null;
    return el('section', { 'aria-labelledby': 'h-analysis' },
      el('h2', { id: 'h-analysis' }, 'Analysis runs'),
      d.analysisRuns.map((run) => el('div', { className: 'analysis' },
        el('h3', {}, run.label, ' ', badge(run.phase), run.message ? el('span', { className: 'reason' }, run.message) : null),
        table(null, ['Metric', 'Phase', 'Count', 'Last measurements'], run.metrics, (m) => [
          m.name, badge(m.phase), m.count,
          m.measurements.slice(-5).map((x) => `${x.value ?? '—'} (${x.phase})`).join(', ') || '—',
        ], 'No metrics.'))));
  }

  function renderDynamic(d) {
    const decisions = [...d.decisions].map((x, i) => ({ x, i }))
      .sort((a, b) => b.x.time - a.x.time || b.i - a.i).map((e) => e.x); // newest first
    put(dynamic,
      el('section', { 'aria-labelledby': 'h-rs' }, el('h2', { id: 'h-rs' }, 'ReplicaSets and pods'), replicaSetTree(d)),
      analysisRuns(d),
      el('section', { 'aria-labelledby': 'h-conditions' }, el('h2', { id: 'h-conditions' }, 'Conditions'),
        table('conditions', ['Type', 'Status', 'Reason', 'Message', 'Last update'], d.conditions,
          (c) => [c.type, c.status, c.reason, c.message, c.lastUpdate == null ? '—' : clock(c.lastUpdate)], 'No conditions.')),
      el('section', { 'aria-labelledby': 'h-history' }, el('h2', { id: 'h-history' }, 'Revision history'),
        table('history', ['Revision', 'ReplicaSet', 'Images', 'Change cause', 'Current'], d.history,
          (h) => [h.revision, el('td', { className: 'mono' }, h.replicaSet), el('td', { className: 'mono' }, h.images.join(', ')),
            el('td', { className: 'change-cause' }, h.changeCause || '—'), h.current ? 'current' : ''], 'No history.')),
      el('section', { 'aria-labelledby': 'h-decisions' }, el('h2', { id: 'h-decisions' }, 'Decisions (newest first)'),
        d.decisionsTotal > d.decisions.length
          ? el('p', { className: 'count' }, `The last ${d.decisions.length} of ${d.decisionsTotal}; rollout history --decisions lists them all.`)
          : null,
        table('decisions', ['Revision', 'Step', 'Time', 'Outcome', 'Scale', 'Operator', 'Message', 'Measurements'], decisions,
          (x) => [x.revision, x.step, clock(x.time), el('td', { className: 'outcome' }, x.outcome), x.scale,
            el('td', { className: 'operator' }, (x.operator || []).join(', ')), x.message, x.measurements || '—'],
          'No decisions yet.')));
  }

  /** Fetches the detail and redraws; calls made while one is under way coalesce into one more. */
  async function load() {
    if (loading) { again = true; return loading; }
    loading = (async () => {
      try {
        do {
          again = false;
          try {
            detail = await getJSON(path);
          } catch (error) {
            if (error.status === 404) {
              put(facts, el('p', { className: 'empty', id: 'missing' }, `${ns}/${name}: ${error.message}`));
              put(actions);
              put(dynamic);
              announce(`${ns}/${name} not found`, true);
              return;
            }
            throw error;
          }
          document.title = `${name} · ${state.info.title || 'rollout'}`;
          if (!chartVersion && [...strategy.options].some((o) => o.value === detail.summary.strategy)) {
            strategy.value = detail.summary.strategy; // what-if starts from the current strategy
          }
          renderFacts(detail.summary);
          renderActions(detail);
          renderDynamic(detail);
          bumpChart();
        } while (again);
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  /** Opens the confirmation dialog for one action; posts it on Confirm. */
  function confirmAction(action) {
    const dialog = document.getElementById('confirm');
    const extra = document.getElementById('confirm-extra');
    document.getElementById('confirm-title').textContent = `${action.label}: ${ns}/${name}`;
    document.getElementById('confirm-text').textContent = VERB_TEXT[action.verb] || `Run ${action.verb}?`;
    extra.replaceChildren();
    let revision = null;
    if (action.verb === 'undo') {
      revision = el('select', { id: 'undo-revision' },
        detail.history.filter((h) => !h.current).map((h) => el('option', { value: String(h.revision) },
          `revision ${h.revision}: ${h.images.join(', ')}${h.changeCause ? ' — ' + h.changeCause : ''}`)));
      extra.append(el('label', { for: 'undo-revision' }, 'Roll back to', revision));
    }
    const ok = document.getElementById('confirm-ok');
    const cancel = document.getElementById('confirm-cancel');
    const close = () => {
      ok.onclick = null; cancel.onclick = null;
      if (dialog.open) dialog.close();
    };
    cancel.onclick = close;
    ok.onclick = async () => {
      const body = { verb: action.verb };
      if (revision) body.revision = Number(revision.value);
      close();
      await perform(body, action.label);
    };
    dialog.showModal();
    cancel.focus(); // the safe choice has focus first
  }

  async function perform(body, label) {
    announce(`${label}: sending…`);
    try {
      const response = await post(path + '/actions', body);
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        const why = response.status === 403 ? 'not allowed (missing or wrong token, or read-only): ' : '';
        announce(`${label} refused: ${why}${answer.error || 'HTTP ' + response.status}`, true);
        if (response.status === 403 && !state.info.readOnly) {
          sessionStorage.removeItem(TOKEN_KEY);
          state.token = '';
          renderActions(detail);
        }
        return;
      }
      announce(`${label}: ${answer.message}`);
      await load();
    } catch (error) {
      announce(`${label}: ${error.message}`, true);
    }
  }

  const mine = (r) => r.namespace === ns && r.name === name;
  return {
    /** Renders the page; resolves to the event id to follow from (info's: a little early, so
     *  at worst one needless refetch). */
    async start() { await load(); return state.info.lastEventId; },
    onRollout(s) { if (mine(s)) load().catch((e) => announce(e.message, true)); },
    onRemoved(r) { if (mine(r)) { announce(`${ns}/${name} was removed`); load().catch(() => {}); } },
    onReset() { return load(); },
  };
}

// ---------------------------------------------------------------------------------------------
// Live updates and start-up

/** Follows the event stream from `after` (the id the page's data was read at), so nothing
 *  between reading and subscribing is missed; EventSource then resumes by Last-Event-ID. */
function connectEvents(after) {
  const live = document.getElementById('live');
  const source = new EventSource(API + 'events' + (after !== undefined && after !== null ? '?after=' + encodeURIComponent(after) : ''));
  const setLive = (s, text) => { live.dataset.state = s; live.textContent = text; };
  source.addEventListener('open', () => setLive('open', 'live'));
  source.addEventListener('error', () => setLive('error', 'reconnecting…')); // EventSource retries itself
  const parse = (handler) => (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch { return; }
    handler(data);
  };
  source.addEventListener('rollout', parse((s) => state.page && state.page.onRollout(s)));
  source.addEventListener('removed', parse((r) => state.page && state.page.onRemoved(r)));
  source.addEventListener('reset', () => state.page && Promise.resolve(state.page.onReset()).catch((e) => announce(e.message, true)));
  return source;
}

async function main() {
  readToken();
  window.addEventListener('hashchange', readToken); // a pasted #token=… on an open page
  const mainEl = document.getElementById('main');
  try {
    state.info = await getJSON('info');
  } catch (error) {
    announce(`cannot reach the dashboard API: ${error.message}`, true);
  }
  document.getElementById('site-title').textContent = state.info.title || '';
  document.title = state.info.title || 'rollout dashboard';
  // Routes: /dashboard/ (the list) and /dashboard/rollouts/NS/NAME.
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  const parts = rest.split('/').filter(Boolean);
  if (parts.length === 3 && parts[0] === 'rollouts') {
    state.page = rolloutPage(mainEl, decodeURIComponent(parts[1]), decodeURIComponent(parts[2]));
  } else {
    state.page = listPage(mainEl);
  }
  let after = state.info.lastEventId;
  try {
    after = await state.page.start();
  } catch (error) {
    announce(error.message, true);
  }
  connectEvents(after);
}

document.addEventListener('DOMContentLoaded', main);
