// The demo page's entry: loads the WASM package, then wires the connection panel, the create
// form, the workspace table and the row dialogs together.
import { init, validateCreateWorkspace } from '/pkg/index.js';
import { setupConnection, loadDemoConfig } from './connection.js';
import { setupDialogs } from './dialogs.js';
import { byTestId, withBusy } from './dom.js';
import { clearBanner, fieldErrorsOf, showErrorBanner, showNotice } from './errors.js';
import { bindWorkspaceForm, readDeploymentDefaults } from './forms.js';
import { DEFAULT_PAGE_SIZE, setupList } from './list.js';

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

async function main() {
  const banner = byTestId('banner-region');
  const notice = byTestId('notice-region');
  const app = byTestId('app');
  try {
    await init();
  } catch (err) {
    showErrorBanner(banner, err, { action: 'Loading the astro-platform WebAssembly module' });
    return;
  }
  const demo = await loadDemoConfig();

  /** The client and organization in use, once Connect has been pressed with valid values. */
  let connection = null;
  const getConnection = () => connection;
  const reportError = (action) => (err) => showErrorBanner(banner, err, { action });

  const list = setupList({ getConnection, onError: reportError('Loading workspaces'), onRowAction, initialPageSize: pageSizeFromQuery() });

  const dialogs = setupDialogs({
    getConnection,
    async onChanged(text) {
      showNotice(notice, text);
      await list.load();
    },
  });

  const createForm = byTestId('create-form');
  const create = bindWorkspaceForm(createForm, {
    readValues: readCreateValues,
    validate: (body) => validateCreateWorkspace(connection?.organizationId ?? '', body),
    busyLabel: 'Creating…',
    async submit(body) {
      clearBanner(banner);
      try {
        const ws = await connection.client.createWorkspace(connection.organizationId, body);
        create.reset();
        showNotice(notice, `Created workspace “${ws.name}”.`);
        await list.reset();
      } catch (err) {
        const unplaced = conn.placeErrors(create.showServerErrors(fieldErrorsOf(err)));
        showErrorBanner(banner, err, { action: 'Creating the workspace', unplaced });
        throw err;
      }
    },
  });
  create.setEnabled(false);

  const conn = setupConnection({
    demo,
    async onConnect(next) {
      clearBanner(banner);
      connection = next;
      create.setEnabled(true);
      list.clear();
      conn.setStatus('Connecting…');
      const ok = await list.reset();
      conn.setStatus(ok
        ? `Connected to ${next.baseUrl}, organization ${next.organizationId}.`
        : 'Could not list workspaces with these settings (see the error above).', ok);
    },
  });

  /** Handles a row's View, Edit or Delete button. */
  async function onRowAction(action, ws, button) {
    if (action === 'edit') return dialogs.openEdit(ws);
    if (action === 'delete') return dialogs.confirmDelete(ws);
    clearBanner(banner);
    try {
      const fresh = await withBusy(button, 'Loading…', () => connection.client.getWorkspace(connection.organizationId, ws.id));
      dialogs.showDetails(fresh);
    } catch (err) {
      showErrorBanner(banner, err, { action: `Loading workspace “${ws.name}”` });
    }
    return undefined;
  }

  app.removeAttribute('aria-busy');
  app.dataset.ready = 'true';
  if (byTestId('conn-token').value && byTestId('conn-org').value) await conn.connect();
}

main();
