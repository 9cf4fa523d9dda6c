// Live validation for the workspace forms (create and edit): the package's validator runs on
// every input event, its messages appear next to each field, the name shows a character
// count, and the submit button stays disabled while any field error remains.
import { codePointLength, withBusy } from './dom.js';

/** The longest workspace name the API accepts, in code points. */
export const NAME_MAX = 50;

/**
 * Wires a form whose inputs are named `name`, `description` and `cicdEnforcedDefault`.
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
    touched.add(event.target.name);
    serverErrors.delete(event.target.name);
    refresh();
  });
  form.addEventListener('change', (event) => {
    if (event.target.name) touched.add(event.target.name);
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
    /** Fills the inputs and forgets every message (for a fresh or reopened form). */
    reset(values = {}) {
      form.reset();
      if (values.name !== undefined) form.elements.name.value = values.name;
      if (values.description !== undefined) form.elements.description.value = values.description;
      if (values.cicdEnforcedDefault !== undefined) form.elements.cicdEnforcedDefault.checked = values.cicdEnforcedDefault;
      touched.clear();
      serverErrors.clear();
      refresh();
    },
    /** Enables or disables submitting (e.g. while not connected). */
    setEnabled(value) {
      enabled = value;
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
      refresh();
      form.querySelector('[aria-invalid="true"]')?.focus();
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

/** Updates the form's "N / 50" name counter, counted in code points as the package counts. */
function updateCounter(form, name) {
  const counter = form.querySelector('[data-count-for="name"]');
  if (!counter) return;
  const n = codePointLength(name ?? '');
  counter.textContent = `${n} / ${NAME_MAX}`;
  counter.classList.toggle('over', n > NAME_MAX);
}
