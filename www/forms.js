// Live validation for the workspace forms (create and edit): the package's validator runs on
// every input event, its messages appear next to each field, the name shows a character
// count, and the submit button stays disabled while any field error remains.
import { codePointLength, withBusy } from './dom.js';

/** The longest workspace name the API accepts, in code points. */
export const NAME_MAX = 50;

/**
 * The v1 default-deployment fields. Their rules tie them together (a provider needs a region,
 * a cluster excludes both), so a change to one shows the messages of all three.
 */
export const DEPLOYMENT_DEFAULTS = ['defaultCloudProvider', 'defaultRegion', 'defaultClusterId'];

/** Copies the form's non-empty default-deployment inputs into `body`; empty ones are left out. */
export function readDeploymentDefaults(form, body) {
  for (const field of DEPLOYMENT_DEFAULTS) {
    const value = form.elements.namedItem(field)?.value ?? '';
    if (value !== '') body[field] = value;
  }
  return body;
}

/**
 * Wires a form whose inputs are named `name`, `description`, `cicdEnforcedDefault` and,
 * optionally, the DEPLOYMENT_DEFAULTS.
 * - `readValues(form)` -> the request body to validate and send;
 * - `validate(body)` -> the package's `[{ field, code, message }]` (`[]` when valid);
 * - `submit(body)` -> a promise; the submit button shows `busyLabel` until it settles.
 * Errors on fields the form does not have (e.g. `organizationId`) appear in its
 * `[data-error-for="_form"]` element. Returns a controller for the page.
 */
export function bindWorkspaceForm(form, { readValues, validate, submit, busyLabel }) {
  const button = form.querySelector('button[type="submit"]');
  const touched = new Set();
  const serverErrors = new Map();
  let enabled = true;
  let busy = false;
  let clientErrors = [];

  const fieldNames = () => [...form.elements].map((el) => el.name).filter(Boolean);
  const errorSlot = (field) => form.querySelector(`[data-error-for="${field}"]`);
  /** The fields whose messages a change to `field` may alter: itself, or its whole group. */
  const linkedTo = (field) => (DEPLOYMENT_DEFAULTS.includes(field) ? DEPLOYMENT_DEFAULTS : [field]);
  /** Marks a field (and the fields tied to it) as changed by the user since the last reset. */
  const touch = (field) => linkedTo(field).forEach((name) => touched.add(name));

  /** Runs the validator and redraws messages, counter and the submit button. */
  function refresh() {
    const body = readValues(form);
    try {
      clientErrors = validate(body);
    } catch (err) {
      clientErrors = [{ field: '_form', code: 'invalid_value', message: err.message }];
    }
    const names = new Set(fieldNames());
    for (const field of names) {
      const input = form.elements.namedItem(field);
      const own = clientErrors.filter((fe) => fe.field === field).map((fe) => fe.message);
      const shown = touched.has(field) && own.length ? own : serverErrors.has(field) ? [serverErrors.get(field)] : [];
      setFieldMessage(input, errorSlot(field), shown);
    }
    const other = clientErrors.filter((fe) => !names.has(fe.field)).map((fe) => fe.message);
    const formSlot = errorSlot('_form');
    if (formSlot) setFieldMessage(null, formSlot, other);
    updateCounter(form, body.name);
    button.disabled = busy || !enabled || clientErrors.length > 0;
  }

  form.addEventListener('input', (event) => {
    if (!event.target.name) return;
    touch(event.target.name);
    linkedTo(event.target.name).forEach((name) => serverErrors.delete(name));
    refresh();
  });
  form.addEventListener('change', (event) => {
    if (event.target.name) touch(event.target.name);
    refresh();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    fieldNames().forEach((field) => touched.add(field));
    refresh();
    if (!enabled || clientErrors.length) {
      form.querySelector('[aria-invalid="true"]')?.focus();
      return; // the package's rules say no: nothing is sent
    }
    busy = true;
    try {
      await withBusy(button, busyLabel, () => submit(readValues(form)));
    } catch {
      // `submit` reports its own errors; the form only has to become usable again.
    } finally {
      busy = false;
      refresh();
    }
  });

  return {
    refresh,
    /** Fills the inputs from `values` (keyed by input name) and forgets every message. */
    reset(values = {}) {
      form.reset();
      form.querySelectorAll('option[data-extra]').forEach((option) => option.remove());
      for (const [field, value] of Object.entries(values)) {
        const input = form.elements.namedItem(field);
        if (!input || value === undefined || value === null) continue;
        if (input.type === 'checkbox') input.checked = value === true;
        else setInputValue(input, String(value));
      }
      touched.clear();
      serverErrors.clear();
      refresh();
    },
    /** Enables or disables the form (its `fieldset[data-needs-connection]`, if any, and submitting). */
    setEnabled(value) {
      enabled = value;
      const fieldset = form.querySelector('fieldset[data-needs-connection]');
      if (fieldset) fieldset.disabled = !value;
      refresh();
    },
    /** Puts the server's field errors on matching fields; returns the ones no field matched. */
    showServerErrors(fieldErrors) {
      const names = new Set(fieldNames());
      const unplaced = [];
      for (const fe of fieldErrors) {
        if (names.has(fe.field)) {
          const prior = serverErrors.get(fe.field);
          serverErrors.set(fe.field, prior ? `${prior} ${fe.message}` : fe.message);
        } else {
          unplaced.push(fe);
        }
      }
      refresh(); // the focus stays on the control the user pressed
      return unplaced;
    },
  };
}

/** Shows messages in a field's error slot and marks its input invalid (or clears both). */
export function setFieldMessage(input, slot, messages) {
  const text = messages.join(' ');
  if (slot) {
    slot.textContent = text;
    slot.hidden = !text;
  }
  if (input && input.setAttribute) {
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/**
 * Sets an input's value. A select that lacks the value (say, a cloud provider newer than this
 * page) gets an extra option for it, so the value is shown and validated instead of dropped.
 */
function setInputValue(input, value) {
  if (input.tagName === 'SELECT' && ![...input.options].some((option) => option.value === value)) {
    const extra = document.createElement('option');
    extra.value = value;
    extra.textContent = `${value} (unknown to this page)`;
    extra.dataset.extra = 'true';
    input.append(extra);
  }
  input.value = value;
}

/** Updates the form's "N / 50" name counter, counted in code points as the package counts. */
function updateCounter(form, name) {
  const counter = form.querySelector('[data-count-for="name"]');
  if (!counter) return;
  const n = codePointLength(name ?? '');
  counter.textContent = `${n} / ${NAME_MAX}`;
  counter.classList.toggle('over', n > NAME_MAX);
}
