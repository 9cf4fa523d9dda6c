// The three row dialogs: details (getWorkspace), edit (validateUpdateWorkspace as the user
// types, then updateWorkspace) and the delete confirmation (deleteWorkspace). Errors show inside
// the dialog (a live region, since the page behind a modal dialog is inert); when a dialog
// closes the focus goes back to the row it came from.
import { validateUpdateWorkspace } from '/pkg/index.js';
import { byTestId, focusFirst, h, withBusy } from './dom.js';
import { createErrorArea, fieldErrorsOf } from './errors.js';
import { DEPLOYMENT_DEFAULTS, bindWorkspaceForm, readDeploymentDefaults } from './forms.js';
import { displayName, formatExactUtc, formatSubject } from './format.js';

/** The details view's terms for the v1 default-deployment fields (shown when present). */
const DEFAULT_LABELS = [
  ['defaultCloudProvider', 'Default cloud provider'],
  ['defaultRegion', 'Default region'],
  ['defaultClusterId', 'Default cluster ID'],
];

/**
 * Wires a dialog's `[data-close]` buttons, and on every close (Escape included) runs
 * `afterClose()` unless the dialog was closed by `closeFor(dialog)` for a change that moves
 * the focus itself.
 */
function wireClose(dialog) {
  for (const button of dialog.querySelectorAll('[data-close]')) {
    button.addEventListener('click', () => dialog.close());
  }
  dialog.addEventListener('close', () => {
    const after = dialog.afterClose;
    dialog.afterClose = null;
    after?.();
  });
}

/**
 * Wires the dialogs. `getConnection()` -> `{ client, organizationId }`; `onChanged(text)`
 * runs after a successful edit or delete (to refresh the table and say what happened);
 * `focusRow(id, kind, index)` puts the focus back on the table afterwards (see list.js).
 */
export function setupDialogs({ getConnection, onChanged, focusRow }) {
  const details = byTestId('details-dialog');
  const edit = byTestId('edit-dialog');
  const confirm = byTestId('delete-dialog');
  [details, edit, confirm].forEach(wireClose);
  /** On close (Cancel, Escape, Close): back to the button that opened the dialog, or its row. */
  const returnTo = (dialog, ws, kind, opener) => {
    dialog.afterClose = () => focusFirst(opener, () => (focusRow(ws.id, kind) ? document.activeElement : null));
  };
  /** Closes `dialog` after a change: the focus goes to the row at `index` once the table reloads. */
  const closeForChange = (dialog) => {
    dialog.afterClose = null;
    dialog.close();
  };

  const editErrors = createErrorArea(byTestId('edit-banner-region'), { home: () => byTestId('edit-submit') });
  const editForm = byTestId('edit-form');
  let editing = null;
  const editController = bindWorkspaceForm(editForm, {
    readValues: (form) => readDeploymentDefaults(form, {
      name: form.elements.name.value,
      description: form.elements.description.value,
      cicdEnforcedDefault: form.elements.cicdEnforcedDefault.checked,
    }),
    validate: (body) => validateUpdateWorkspace(getConnection()?.organizationId ?? '', editing?.ws.id ?? '', body),
    busyLabel: 'Saving…',
    async submit(body) {
      const { client, organizationId } = getConnection();
      const { ws, index } = editing;
      editErrors.clear();
      try {
        const saved = await client.updateWorkspace(organizationId, ws.id, body);
        closeForChange(edit);
        await onChanged(`Saved workspace “${displayName(saved.name)}”.`);
        focusRow(ws.id, 'edit', index);
      } catch (err) {
        const unplaced = editController.showServerErrors(fieldErrorsOf(err));
        editErrors.show(err, { action: 'Saving the workspace', unplaced });
        throw err;
      }
    },
  });

  const deleteErrors = createErrorArea(byTestId('delete-banner-region'), { home: () => byTestId('delete-confirm') });
  const confirmButton = byTestId('delete-confirm');
  let deleting = null;
  confirmButton.addEventListener('click', async () => {
    if (!deleting || confirmButton.getAttribute('aria-busy') === 'true') return;
    const { client, organizationId } = getConnection();
    const { ws, index } = deleting;
    deleteErrors.clear();
    try {
      await withBusy(confirmButton, 'Deleting…', () => client.deleteWorkspace(organizationId, ws.id), [byTestId('delete-cancel')]);
    } catch (err) {
      deleteErrors.show(err, { action: 'Deleting the workspace' });
      return;
    }
    closeForChange(confirm);
    await onChanged(`Deleted workspace “${displayName(ws.name)}”.`);
    focusRow(null, 'view', index);
  });

  /** The row index of a workspace's button, so the focus can return to the same place. */
  const indexOf = (opener) => {
    const row = opener?.closest('tr');
    return row ? [...row.parentElement.children].indexOf(row) : 0;
  };

  return {
    /** Shows a workspace's every field (as fetched with getWorkspace); the description scrolls. */
    showDetails(ws, opener) {
      const description = ws.description === undefined || ws.description === ''
        ? '—'
        : h('div', { className: 'scroll-text', tabindex: '0', role: 'region', 'aria-label': 'Description', 'data-testid': 'details-description', text: ws.description });
      const rows = [
        ['Name', displayName(ws.name)], ['ID', ws.id], ['Description', description],
        ['CI/CD enforced by default', ws.cicdEnforcedDefault ? 'Yes' : 'No'],
        ...DEFAULT_LABELS.filter(([field]) => ws[field] !== undefined).map(([field, term]) => [term, String(ws[field])]),
        ['Organization', ws.organizationName ? `${ws.organizationName} (${ws.organizationId})` : ws.organizationId],
        ['Created', `${formatExactUtc(ws.createdAt)} by ${formatSubject(ws.createdBy)}`],
        ['Updated', `${formatExactUtc(ws.updatedAt)} by ${formatSubject(ws.updatedBy)}`],
      ];
      byTestId('details-title').textContent = displayName(ws.name);
      byTestId('details-list').replaceChildren(...rows.flatMap(([term, value]) => [
        h('dt', { text: term }), typeof value === 'string' ? h('dd', { text: value }) : h('dd', {}, value),
      ]));
      returnTo(details, ws, 'view', opener);
      details.showModal();
      byTestId('details-close').focus();
    },
    /** Opens the edit form filled with a workspace's current values. */
    openEdit(ws, opener) {
      editing = { ws, index: indexOf(opener) };
      editErrors.clear();
      byTestId('edit-title').textContent = `Edit “${displayName(ws.name)}”`;
      const defaults = Object.fromEntries(DEPLOYMENT_DEFAULTS.map((field) => [field, ws[field]]));
      editController.reset({ name: ws.name, description: ws.description ?? '', cicdEnforcedDefault: ws.cicdEnforcedDefault, ...defaults });
      returnTo(edit, ws, 'edit', opener);
      edit.showModal();
    },
    /** Asks for confirmation before deleting a workspace. */
    confirmDelete(ws, opener) {
      deleting = { ws, index: indexOf(opener) };
      deleteErrors.clear();
      byTestId('delete-name').textContent = displayName(ws.name);
      returnTo(confirm, ws, 'delete', opener);
      confirm.showModal();
      byTestId('delete-cancel').focus();
    },
  };
}
