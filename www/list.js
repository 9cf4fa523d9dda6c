// The workspace table's panel: filters by exact name and by workspace ID (sent as `names` and
// `workspaceIds`, checked by the package first), sort, page size and previous/next pages, all
// from `listWorkspaces`. Escape in a filter clears it and reloads. Errors show above the table.
import { validateListWorkspaces } from '/pkg/index.js';
import { byTestId, focusFirst, focusIsLost, h, withBusy } from './dom.js';
import { createErrorArea } from './errors.js';
import { setFieldMessage } from './forms.js';
import { COLUMN_COUNT, refreshRelativeTimes, renderRow } from './table.js';

/** Page sizes offered. */
export const PAGE_SIZES = [10, 20, 50, 100];
/** The page size shown first: the API's default. */
export const DEFAULT_PAGE_SIZE = 20;
/** How often the relative times ("5 minutes ago") are brought up to date. */
const TICK_MS = 30_000;
/** The width below which the page uses its phone layout (as in style.css). */
const PHONE = '(max-width: 640px)';

/** The workspace IDs typed in the ID filter (separated by commas or spaces). */
function splitIds(text) {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Wires the list panel. `getConnection()` -> `{ client, organizationId }` or null;
 * `onRowAction(action, workspace, button)` handles 'view' | 'edit' | 'delete';
 * `onCopy(workspace, button)` copies an ID; `onRows(workspaces)` sees each page that loads;
 * `announcer` reads errors out. Returns `{ load(), reset(), clear(), setEnabled(), errors, focusRow(id, kind, index) }`.
 */
export function setupList({ getConnection, onRowAction, onCopy, onRows = () => {}, announcer, initialPageSize = DEFAULT_PAGE_SIZE }) {
  const controls = byTestId('list-controls');
  const filters = { names: byTestId('list-filter'), workspaceIds: byTestId('list-filter-id') };
  const sort = byTestId('list-sort');
  const pageSize = byTestId('list-page-size');
  const applyButton = byTestId('list-apply');
  const refreshButton = byTestId('list-refresh');
  const table = byTestId('workspace-table');
  const rows = byTestId('workspace-rows');
  const summary = byTestId('page-summary');
  const prev = byTestId('page-prev');
  const next = byTestId('page-next');
  const errors = createErrorArea(byTestId('list-error'), { announcer, place: 'above the table', home: () => refreshButton });
  const slot = (field) => controls.querySelector(`[data-error-for="${field}"]`);

  if (!PAGE_SIZES.includes(initialPageSize)) {
    pageSize.append(h('option', { value: initialPageSize, text: String(initialPageSize) }));
  }
  pageSize.value = String(initialPageSize);
  const state = { offset: 0, shownOffset: 0, total: 0, loaded: false };
  let generation = 0;

  /** The query for the current controls and offset. */
  function params() {
    const p = { offset: state.offset, limit: Number(pageSize.value), sorts: [sort.value] };
    const name = filters.names.value.trim();
    if (name) p.names = [name];
    const ids = splitIds(filters.workspaceIds.value);
    if (ids.length) p.workspaceIds = ids;
    return p;
  }

  /** Shows the package's problems with the filters next to them; true when there were none. */
  function checkFilters(problems) {
    for (const [field, input] of Object.entries(filters)) {
      const mine = problems.filter((fe) => fe.field === field || fe.field.startsWith(`${field}[`));
      setFieldMessage(input, slot(field), mine.map((fe) => fe.message));
    }
    return problems.length === 0;
  }

  /**
   * Loads the current page; `button` (if given) shows the loading state and keeps the focus
   * (or, once it is disabled, hands it to the table). Resolves true on success.
   */
  async function load(button) {
    const connection = getConnection();
    if (!connection) return false;
    const query = params();
    const problems = validateListWorkspaces(connection.organizationId, query);
    if (!checkFilters(problems.filter((fe) => fe.field.startsWith('names') || fe.field.startsWith('workspaceIds')))) return false;
    if (problems.length) {
      errors.show(Object.assign(new Error(problems.map((fe) => fe.message).join('; ')), { name: 'ValidationError' }), { action: 'Loading workspaces' });
      return false;
    }
    const hadFocus = button && document.activeElement === button;
    const mine = ++generation;
    table.setAttribute('aria-busy', 'true');
    prev.disabled = true;
    next.disabled = true;
    const run = () => connection.client.listWorkspaces(connection.organizationId, query);
    try {
      const page = await (button ? withBusy(button, busyLabelFor(button), run) : run());
      if (mine !== generation) return true; // a newer load has started; its result wins
      if (page.workspaces.length === 0 && page.totalCount > 0 && state.offset > 0) {
        // The page emptied (e.g. its last workspace was deleted): step back to the last page.
        state.offset = Math.max(0, Math.floor((page.totalCount - 1) / query.limit) * query.limit);
        return load(button);
      }
      errors.clear();
      render(page, query);
      onRows(page.workspaces);
      return true;
    } catch (err) {
      if (mine === generation) {
        state.offset = state.shownOffset; // the table still shows the last page that loaded
        errors.show(err, { action: 'Loading workspaces' });
        updatePager();
      }
      return false;
    } finally {
      if (mine === generation) table.removeAttribute('aria-busy');
      if (hadFocus && focusIsLost()) focusFirst(button, table);
    }
  }

  /** Draws the rows and the pager for one page. */
  function render(page, query) {
    state.total = page.totalCount;
    state.shownOffset = page.offset;
    state.loaded = true;
    const now = Date.now();
    rows.replaceChildren(...page.workspaces.map((ws) => renderRow(ws, { onAction: onRowAction, onCopy, now })));
    if (page.workspaces.length === 0) {
      const text = query.names || query.workspaceIds ? 'No workspace matches these filters.' : 'No workspaces yet. Create one below.';
      rows.append(h('tr', { className: 'empty' }, h('td', { colspan: COLUMN_COUNT, 'data-testid': 'list-empty', text })));
    }
    const first = page.workspaces.length ? page.offset + 1 : 0;
    const last = page.offset + page.workspaces.length;
    summary.textContent = page.totalCount === 0 ? 'No workspaces' : `Showing ${first}–${last} of ${page.totalCount}`;
    updatePager();
  }

  function updatePager() {
    const limit = Number(pageSize.value);
    prev.disabled = !state.loaded || state.offset === 0;
    next.disabled = !state.loaded || state.offset + limit >= state.total;
  }

  const restart = (button) => {
    state.offset = 0;
    return load(button);
  };
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    restart(applyButton);
  });
  for (const [field, input] of Object.entries(filters)) {
    input.addEventListener('input', () => setFieldMessage(input, slot(field), []));
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || input.value === '') return;
      event.preventDefault(); // the field is cleared here, then the list is loaded without it
      input.value = '';
      setFieldMessage(input, slot(field), []);
      restart();
    });
  }
  sort.addEventListener('change', () => restart());
  pageSize.addEventListener('change', () => restart());
  refreshButton.addEventListener('click', () => load(refreshButton));
  prev.addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - Number(pageSize.value));
    load(prev);
  });
  next.addEventListener('click', () => {
    state.offset += Number(pageSize.value);
    load(next);
  });
  setInterval(() => refreshRelativeTimes(rows), TICK_MS);
  // On a phone the filters start folded, so the table comes first.
  if (window.matchMedia(PHONE).matches) byTestId('list-filters').open = false;

  return {
    load,
    errors,
    /** Goes back to the first page and loads it. */
    reset: () => restart(),
    /** Enables or disables the filters and buttons (off while not connected). */
    setEnabled(value) {
      byTestId('list-fieldset').disabled = !value;
      refreshButton.disabled = !value;
    },
    /** Empties the table (e.g. when the connection is dropped). */
    clear() {
      generation += 1;
      state.loaded = false;
      state.total = 0;
      state.offset = 0;
      state.shownOffset = 0;
      rows.replaceChildren();
      table.removeAttribute('aria-busy');
      summary.textContent = 'Not loaded';
      errors.clear();
      updatePager();
    },
    /**
     * Puts the focus on a row after the table changed: its `kind` button ('view', 'edit') if
     * the row is still shown, else the row now at `index` (or the last one), else the table.
     */
    focusRow(id, kind, index = 0) {
      const row = [...rows.querySelectorAll('tr[data-workspace-id]')].find((tr) => tr.dataset.workspaceId === id);
      const all = rows.querySelectorAll('tr[data-workspace-id]');
      return focusFirst(
        () => row?.querySelector(`[data-testid="row-${kind}"]`),
        row,
        all[Math.min(index, all.length - 1)],
        table,
      );
    },
  };
}

/** The loading label of a list button. */
function busyLabelFor(button) {
  return { 'page-prev': 'Loading…', 'page-next': 'Loading…', 'list-refresh': 'Refreshing…', 'list-apply': 'Applying…' }[button.dataset.testid] ?? 'Loading…';
}
