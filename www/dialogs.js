// The three row dialogs: details (getWorkspace), edit (validateUpdateWorkspace as the user
// types, then updateWorkspace) and the delete confirmation (deleteWorkspace).
import { validateUpdateWorkspace } from '/pkg/index.js';
import { byTestId, formatSubject, formatTimestamp, h, withBusy } from './dom.js';
import { clearBanner, fieldErrorsOf, showErrorBanner } from './errors.js';
import { DEPLOYMENT_DEFAULTS, bindWorkspaceForm, readDeploymentDefaults } from './forms.js';

/** The details view's terms for the v1 default-deployment fields (shown when present). */
const DEFAULT_LABELS = [
  ['defaultCloudProvider', 'Default cloud provider'],
  ['defaultRegion', 'Default region'],
  ['defaultClusterId', 'Default cluster ID'],
];

/** Closes a dialog when one of its `[data-close]` buttons is clicked. */
function wireClose(dialog) {
  for (const button of dialog.querySelectorAll('[data-close]')) {
    button.addEventListener('click', () => dialog.close());
  }
}

/**
 * Wires the dialogs. `getConnection()` -> `{ client, organizationId }`; `onChanged(text)`
 * runs after a successful edit or delete (to refresh the table and say what happened).
 */
export function setupDialogs({ getConnection, onChanged }) {
  const details = byTestId('details-dialog');
  const edit = byTestId('edit-dialog');
  const confirm = byTestId('delete-dialog');
  [details, edit, confirm].forEach(wireClose);

  const editBanner = byTestId('edit-banner-region');
  const editForm = byTestId('edit-form');
  let editing = null;
  const editController = bindWorkspaceForm(editForm, {
    readValues: (form) => readDeploymentDefaults(form, {
      name: form.elements.name.value,
      description: form.elements.description.value,
      cicdEnforcedDefault: form.elements.cicdEnforcedDefault.checked,
    }),
    validate: (body) => validateUpdateWorkspace(getConnection()?.organizationId ?? '', editing?.id ?? '', body),
    busyLabel: 'Saving…',
    async submit(body) {
      const { client, organizationId } = getConnection();
      clearBanner(editBanner);
      try {
        const saved = await client.updateWorkspace(organizationId, editing.id, body);
        edit.close();
        await onChanged(`Saved workspace “${saved.name}”.`);
      } catch (err) {
        const unplaced = editController.showServerErrors(fieldErrorsOf(err));
        showErrorBanner(editBanner, err, { action: 'Saving the workspace', unplaced });
        throw err;
      }
    },
  });

  const deleteBanner = byTestId('delete-banner-region');
  const confirmButton = byTestId('delete-confirm');
  let deleting = null;
  confirmButton.addEventListener('click', async () => {
    if (!deleting || confirmButton.getAttribute('aria-busy') === 'true') return;
    const { client, organizationId } = getConnection();
    clearBanner(deleteBanner);
    try {
      await withBusy(confirmButton, 'Deleting…', () => client.deleteWorkspace(organizationId, deleting.id));
      confirm.close();
      await onChanged(`Deleted workspace “${deleting.name}”.`);
    } catch (err) {
      showErrorBanner(deleteBanner, err, { action: 'Deleting the workspace' });
    }
  });

  return {
    /** Shows a workspace's every field (as fetched with getWorkspace). */
    showDetails(ws) {
      const rows = [
        ['Name', ws.name], ['ID', ws.id], ['Description', ws.description ?? '—'],
        ['CI/CD enforced by default', ws.cicdEnforcedDefault ? 'Yes' : 'No'],
        ...DEFAULT_LABELS.filter(([field]) => ws[field] !== undefined).map(([field, term]) => [term, String(ws[field])]),
        ['Organization', ws.organizationName ? `${ws.organizationName} (${ws.organizationId})` : ws.organizationId],
        ['Created', `${formatTimestamp(ws.createdAt)} by ${formatSubject(ws.createdBy)}`],
        ['Updated', `${formatTimestamp(ws.updatedAt)} by ${formatSubject(ws.updatedBy)}`],
      ];
      byTestId('details-title').textContent = ws.name;
      byTestId('details-list').replaceChildren(...rows.flatMap(([term, value]) => [
        h('dt', { text: term }), h('dd', { text: value }),
      ]));
      details.showModal();
    },
    /** Opens the edit form filled with a workspace's current values. */
    openEdit(ws) {
      editing = ws;
      clearBanner(editBanner);
      byTestId('edit-title').textContent = `Edit “${ws.name}”`;
      const defaults = Object.fromEntries(DEPLOYMENT_DEFAULTS.map((field) => [field, ws[field]]));
      editController.reset({ name: ws.name, description: ws.description ?? '', cicdEnforcedDefault: ws.cicdEnforcedDefault, ...defaults });
      edit.showModal();
    },
    /** Asks for confirmation before deleting a workspace. */
    confirmDelete(ws) {
      deleting = ws;
      clearBanner(deleteBanner);
      byTestId('delete-name').textContent = ws.name;
      confirm.showModal();
      byTestId('delete-cancel').focus();
    },
  };
}
