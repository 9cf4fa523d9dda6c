// The workspace table: exact-name filter, sort, page size and previous/next pages, all from
// `listWorkspaces`; each row offers view, edit and delete.
import { validateListWorkspaces } from '/pkg/index.js';
import { byTestId, formatDeploymentDefault, formatTimestamp, h, withBusy } from './dom.js';

/** Page sizes offered; the API's default (20) is the page's default. */
export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Wires the list panel. `getConnection()` -> `{ client, organizationId }` or null;
 * `onRowAction(action, workspace, button)` handles 'view' | 'edit' | 'delete';
 * `onError(err)` shows a failed load. Returns `{ load(), reset(), clear() }`.
 */
export function setupList({ getConnection, onRowAction, onError, initialPageSize = DEFAULT_PAGE_SIZE }) {
  const controls = byTestId('list-controls');
  const filter = byTestId('list-filter');
  const sort = byTestId('list-sort');
  const pageSize = byTestId('list-page-size');
  const applyButton = byTestId('list-apply');
  const refreshButton = byTestId('list-refresh');
  const table = byTestId('workspace-table');
  const rows = byTestId('workspace-rows');
  const summary = byTestId('page-summary');
  const prev = byTestId('page-prev');
  const next = byTestId('page-next');

  if (!PAGE_SIZES.includes(initialPageSize)) {
    pageSize.append(h('option', { value: initialPageSize, text: String(initialPageSize) }));
  }
  pageSize.value = String(initialPageSize);
  const state = { offset: 0, shownOffset: 0, total: 0, loaded: false };
  let generation = 0;

  /** The query for the current controls and offset. */
  function params() {
    const p = { offset: state.offset, limit: Number(pageSize.value), sorts: [sort.value] };
    const name = filter.value.trim();
    if (name) p.names = [name];
    return p;
  }

  /** Loads the current page; `button` (if given) shows the loading state. Resolves true on success. */
  async function load(button) {
    const connection = getConnection();
    if (!connection) return false;
    const query = params();
    const problems = validateListWorkspaces(connection.organizationId, query);
    if (problems.length) {
      onError(Object.assign(new Error(problems.map((fe) => fe.message).join('; ')), { name: 'ValidationError', fieldErrors: problems }));
      return false;
    }
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
      render(page);
      return true;
    } catch (err) {
      if (mine === generation) {
        state.offset = state.shownOffset; // the table still shows the last page that loaded
        onError(err);
        updatePager();
      }
      return false;
    } finally {
      if (mine === generation) table.removeAttribute('aria-busy');
    }
  }

  /** Draws the rows and the pager for one page. */
  function render(page) {
    state.total = page.totalCount;
    state.shownOffset = page.offset;
    state.loaded = true;
    rows.replaceChildren(...page.workspaces.map(renderRow));
    if (page.workspaces.length === 0) {
      const text = filter.value.trim() ? 'No workspace has exactly this name.' : 'No workspaces yet. Create one above.';
      rows.append(h('tr', { className: 'empty' }, h('td', { colspan: 6, 'data-testid': 'list-empty', text })));
    }
    const first = page.workspaces.length ? page.offset + 1 : 0;
    const last = page.offset + page.workspaces.length;
    summary.textContent = page.totalCount === 0
      ? 'No workspaces'
      : `Showing ${first}–${last} of ${page.totalCount}`;
    updatePager();
  }

  function updatePager() {
    const limit = Number(pageSize.value);
    prev.disabled = !state.loaded || state.offset === 0;
    next.disabled = !state.loaded || state.offset + limit >= state.total;
  }

  /** One table row, with its cells labelled for the phone layout. */
  function renderRow(ws) {
    const action = (kind, label) => {
      const button = h('button', {
        type: 'button', className: `small ${kind === 'delete' ? 'danger' : 'secondary'}`,
        'data-testid': `row-${kind}`, 'aria-label': `${label} ${ws.name}`,
      }, label);
      button.addEventListener('click', () => onRowAction(kind, ws, button));
      return button;
    };
    return h('tr', { 'data-testid': 'workspace-row', 'data-workspace-id': ws.id },
      h('td', { 'data-label': 'Name', className: 'cell-name' },
        h('span', { 'data-testid': 'row-name', text: ws.name }),
        ws.description ? h('span', { className: 'cell-sub', 'data-testid': 'row-description', text: ws.description }) : null),
      h('td', { 'data-label': 'CI/CD', 'data-testid': 'row-cicd', text: ws.cicdEnforcedDefault ? 'Enforced' : 'Not enforced' }),
      h('td', { 'data-label': 'New Deployments', 'data-testid': 'row-defaults', className: 'cell-defaults', text: formatDeploymentDefault(ws) }),
      h('td', { 'data-label': 'Created', 'data-testid': 'row-created' }, h('time', { datetime: ws.createdAt, text: formatTimestamp(ws.createdAt) })),
      h('td', { 'data-label': 'Updated', 'data-testid': 'row-updated' }, h('time', { datetime: ws.updatedAt, text: formatTimestamp(ws.updatedAt) })),
      h('td', { className: 'cell-actions' }, action('view', 'View'), action('edit', 'Edit'), action('delete', 'Delete')));
  }

  const restart = (button) => {
    state.offset = 0;
    return load(button);
  };
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    restart(applyButton);
  });
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

  return {
    load,
    /** Goes back to the first page and loads it. */
    reset: () => restart(),
    /** Empties the table (e.g. when the connection changes and fails). */
    clear() {
      generation += 1;
      state.loaded = false;
      state.total = 0;
      state.offset = 0;
      state.shownOffset = 0;
      rows.replaceChildren();
      summary.textContent = 'Not loaded';
      updatePager();
    },
  };
}

/** The loading label of a list button. */
function busyLabelFor(button) {
  return { 'page-prev': 'Loading…', 'page-next': 'Loading…', 'list-refresh': 'Refreshing…', 'list-apply': 'Applying…' }[button.dataset.testid] ?? 'Loading…';
}
