// The demo page's entry: loads the WASM package, then wires the connection panel, the create
// form, the workspace table and the row dialogs together. Nothing that needs a connection is
// usable until Connect has checked one.
import { init, validateCreateWorkspace } from '/pkg/index.js';
import { loadDemoConfig, setupConnection } from './connection.js';
import { setupDialogs } from './dialogs.js';
import { byTestId, focusFirst, withBusy } from './dom.js';
import { createAnnouncer, createErrorArea, describeError, fieldErrorsOf, showNotice } from './errors.js';
import { bindWorkspaceForm, readDeploymentDefaults } from './forms.js';
import { displayName } from './format.js';
import { DEFAULT_PAGE_SIZE, setupList } from './list.js';
import { copyText } from './table.js';

/** The page size from `?pageSize=N` (1 to 1000), else the default of 20. */
function pageSizeFromQuery() {
  const n = Number(new URLSearchParams(location.search).get('pageSize'));
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : DEFAULT_PAGE_SIZE;
}

/** Reads the create form into a CreateWorkspaceRequest (empty optional inputs are left out). */
function readCreateValues(form) {
  const body = { name: form.elements.name.value, cicdEnforcedDefault: form.elements.cicdEnforcedDefault.checked };
  if (form.elements.description.value !== '') body.description = form.elements.description.value;
  return readDeploymentDefaults(form, body);
}

/** The client's calls, each reporting its outcome (null for a success) to `report` first. */
function reporting(client, report) {
  const wrap = (name) => async (...args) => {
    try {
      const result = await client[name](...args);
      report(null);
      return result;
    } catch (err) {
      report(err);
      throw err;
    }
  };
  return Object.fromEntries(['createWorkspace', 'listWorkspaces', 'getWorkspace', 'updateWorkspace', 'deleteWorkspace'].map((n) => [n, wrap(n)]));
}

async function main() {
  const announcer = createAnnouncer(byTestId('announcer'));
  const notice = byTestId('notice-region');
  const app = byTestId('app');
  try {
    await init();
  } catch (err) {
    const area = createErrorArea(byTestId('conn-error'), { announcer });
    area.show(err, { action: 'Loading the astro-platform WebAssembly module' });
    byTestId('conn-status').textContent = describeError(err, 'Loading the page');
    return;
  }
  const demo = await loadDemoConfig();

  /** The client and organization in use, once Connect has checked them. */
  let connection = null;
  const getConnection = () => connection;

  const list = setupList({
    getConnection,
    announcer,
    initialPageSize: pageSizeFromQuery(),
    onRowAction,
    async onCopy(ws, button) {
      const ok = await copyText(ws.id);
      showNotice(notice, ok ? `Copied the ID of “${displayName(ws.name)}”: ${ws.id}` : `Could not copy; the ID is ${ws.id}`);
      if (ok) {
        button.textContent = 'Copied';
        setTimeout(() => { button.textContent = 'Copy'; }, 2000);
      }
    },
    onRows(workspaces) {
      conn.setOrganizationName(workspaces.find((ws) => ws.organizationName)?.organizationName);
    },
  });

  const dialogs = setupDialogs({
    getConnection,
    focusRow: (id, kind, index) => list.focusRow(id, kind, index),
    async onChanged(text) {
      showNotice(notice, text);
      await list.load();
    },
  });

  const createForm = byTestId('create-form');
  const createErrors = createErrorArea(byTestId('create-error'), { announcer, place: 'under the create form', home: () => byTestId('create-submit') });
  const create = bindWorkspaceForm(createForm, {
    readValues: readCreateValues,
    validate: (body) => validateCreateWorkspace(connection?.organizationId ?? '', body),
    busyLabel: 'Creating…',
    async submit(body) {
      createErrors.clear();
      try {
        const ws = await connection.client.createWorkspace(connection.organizationId, body);
        create.reset();
        showNotice(notice, `Created workspace “${displayName(ws.name)}”.`);
        focusFirst(byTestId('create-name'));
        await list.reset();
      } catch (err) {
        const unplaced = create.showServerErrors(fieldErrorsOf(err));
        createErrors.show(err, { action: 'Creating the workspace', unplaced });
        throw err;
      }
    },
  });

  /** Arms or disarms everything that needs a connection. */
  const arm = (armed) => {
    create.setEnabled(armed);
    list.setEnabled(armed);
  };
  arm(false);

  const conn = setupConnection({
    demo,
    announcer,
    onDropped() {
      connection = null;
      arm(false);
      list.clear();
      createErrors.clear();
    },
    async onConnected(next) {
      connection = { ...next, client: reporting(next.client, (err) => conn.report(err)) };
      createErrors.clear();
      arm(true);
      await list.reset();
    },
  });

  /** Handles a row's View, Edit or Delete button. */
  async function onRowAction(action, ws, button) {
    if (action === 'edit') return dialogs.openEdit(ws, button);
    if (action === 'delete') return dialogs.confirmDelete(ws, button);
    try {
      const fresh = await withBusy(button, 'Loading…', () => connection.client.getWorkspace(connection.organizationId, ws.id));
      list.errors.clear();
      dialogs.showDetails(fresh, button);
    } catch (err) {
      list.errors.show(err, { action: `Loading workspace “${displayName(ws.name)}”` });
    }
    return undefined;
  }

  // "New workspace" takes the keyboard to the create form's first field (or the form, while it is off).
  byTestId('new-workspace-link').addEventListener('click', (event) => {
    event.preventDefault();
    const section = byTestId('create-form').closest('section');
    section.scrollIntoView({ block: 'start' });
    focusFirst(byTestId('create-name'), section);
  });

  app.removeAttribute('aria-busy');
  app.dataset.ready = 'true';
  await conn.autoConnect();
}

main();
