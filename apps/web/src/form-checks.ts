// Checks a form's controls by name: each bad control is marked (aria-invalid, custom validity) and named in a message.

/** A check of one control's trimmed value: null when fine, else what the value must be. */
export type Check = (value: string) => string | null;

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number): Check => (v) => (/^\d+$/.test(v) && +v >= min && +v <= max ? null : `a whole number from ${min} to ${max}`);

/** The trimmed value of the control `name` of `form`. */
export function controlValue(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
}

/** Runs every check, marks each control valid or not, and returns one message per bad control ("Epochs must be …"). */
export function markControls(form: HTMLFormElement, checks: Record<string, Check>): string[] {
  const problems: string[] = [];
  for (const [name, check] of Object.entries(checks)) {
    const input = form.elements.namedItem(name) as HTMLInputElement;
    const problem = check(controlValue(form, name));
    input.setAttribute('aria-invalid', String(problem !== null));
    input.setCustomValidity(problem ?? '');
    if (problem) problems.push(`${input.getAttribute('aria-label') ?? input.closest('label, fieldset')?.firstChild?.textContent?.trim() ?? name} must be ${problem}`);
  }
  return problems;
}

/** Shows the messages in `errorBox` (hidden when there are none); true when there are none. */
export function showProblems(errorBox: HTMLElement, problems: readonly string[]): boolean {
  errorBox.textContent = problems.join('; ');
  errorBox.hidden = problems.length === 0;
  return problems.length === 0;
}
