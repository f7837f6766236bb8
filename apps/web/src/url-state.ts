// The settings in the page's URL (?cell=gru&epochs=50…), so a run can be shared: only the values
// that differ from the form's defaults are written (for a control a recipe sets, from the chosen
// recipe's value, as --recipe forecast needs no --scaler standard), and a shared link fills the controls on load.

type Control = HTMLInputElement | HTMLSelectElement;

const controls = (forms: HTMLFormElement[]): Control[] =>
  forms.flatMap((f) => [...f.elements].filter((e): e is Control => (e instanceof HTMLInputElement || e instanceof HTMLSelectElement) && e.name !== '' && e.type !== 'file'));

const defaultOf = (c: Control): string =>
  c.dataset.recipeValue ?? (c instanceof HTMLSelectElement ? ([...c.options].find((o) => o.defaultSelected) ?? c.options[0])?.value ?? '' : c.defaultValue);

/** Sets each control named in `search` (a select only to one of its options); returns the names that were set. */
export function applyUrlSettings(forms: HTMLFormElement[], search: string): string[] {
  const params = new URLSearchParams(search);
  const set: string[] = [];
  for (const c of controls(forms)) {
    const value = params.get(c.name);
    if (value === null) continue;
    if (c instanceof HTMLSelectElement && ![...c.options].some((o) => o.value === value)) continue;
    c.value = value;
    set.push(c.name);
  }
  return set;
}

/** The query string of the controls that differ from their defaults ('' when none do). */
export function settingsQuery(forms: HTMLFormElement[]): string {
  const params = new URLSearchParams();
  for (const c of controls(forms)) if (c.value !== defaultOf(c)) params.set(c.name, c.value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Writes the settings into the address bar without reloading or adding a history entry. */
export function writeUrlSettings(forms: HTMLFormElement[]): void {
  const url = `${location.pathname}${settingsQuery(forms)}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
}
