// The controls a recipe sets (rnnkit's --recipe): scaler, transforms, calendar covariates, model size and
// training. They are built from @rnnkit/forecast's RECIPES, so the page's defaults are the CLI's; choosing
// a recipe sets every one of them to that recipe's value, and each can then be changed one by one.
import { CALENDAR_FEATURES, INPUT_TRANSFORMS, RECIPES, RECIPE_NAMES, TARGET_TRANSFORMS, type RecipeName, type RecipeSettings } from '@rnnkit/forecast';
import { type Check, controlValue, markControls, wholeNumber } from './form-checks.js';

/** The settings of the recipe controls, as rnnkit's RunSettings holds them. */
export interface RecipeControls extends Omit<RecipeSettings, 'validation' | 'patience'> {
  recipe: RecipeName;
  validation: number;
  patience: number | null;
}

/** Calendar covariate choices: none, each one, both (CALENDAR_FEATURES' order, as --calendar dayofweek,month). */
const CALENDAR_CHOICES = ['none', ...CALENDAR_FEATURES, CALENDAR_FEATURES.join(',')];

const positive: Check = (v) => (v.trim() !== '' && Number.isFinite(+v) && +v > 0 && +v <= 10 ? null : 'a number above 0 (at most 10)');
const share: Check = (v) => (v !== '' && Number.isFinite(+v) && +v >= 0 && +v < 1 ? null : '0 (off) or a share below 1, e.g. 0.2');
const patience: Check = (v) => (v === 'off' || (/^[1-9]\d*$/.test(v) && +v <= 5000) ? null : '"off" or a whole number from 1 to 5000');

/** The recipe's values as control texts. */
function texts(r: RecipeSettings): Record<string, string> {
  return {
    scaler: r.scaler, targetTransform: r.targetTransform, inputTransform: r.inputTransform, calendar: r.calendar.length ? r.calendar.join(',') : 'none',
    hidden: String(r.hidden), epochs: String(r.epochs), lr: String(r.lr), optimizer: r.optimizer, validation: String(r.validation), patience: r.patience === null ? 'off' : String(r.patience),
  };
}

const FIELDS: { key: string; label: string; testid: string; choices?: readonly string[]; type?: string }[] = [
  { key: 'scaler', label: 'Scaler', testid: 'scaler', choices: ['minmax', 'standard', 'none'] },
  { key: 'targetTransform', label: 'Target transform', testid: 'target-transform', choices: TARGET_TRANSFORMS },
  { key: 'inputTransform', label: 'Input transform', testid: 'input-transform', choices: INPUT_TRANSFORMS },
  { key: 'calendar', label: 'Calendar covariates', testid: 'calendar', choices: CALENDAR_CHOICES },
  { key: 'hidden', label: 'Hidden units', testid: 'hidden', type: 'number' },
  { key: 'epochs', label: 'Epochs', testid: 'epochs', type: 'number' },
  { key: 'lr', label: 'Learning rate', testid: 'lr', type: 'number' },
  { key: 'optimizer', label: 'Optimizer', testid: 'optimizer', choices: ['sgd', 'adam'] },
  { key: 'validation', label: 'Validation share (early stopping)', testid: 'validation', type: 'number' },
  { key: 'patience', label: 'Patience (epochs)', testid: 'patience', type: 'text' },
];

/** A control's name: the setting's own (hidden) without a prefix, else prefix+Key (btHidden). */
export const nameOf = (prefix: string, key: string) => (prefix ? `${prefix}${key[0]!.toUpperCase()}${key.slice(1)}` : key);

/** Builds the recipe select and its controls into `box`, named as nameOf says (hidden, btHidden), their defaults `recipe`'s. */
export function buildRecipeFields(box: HTMLElement, prefix: string, testPrefix: string, recipe: RecipeName, command: string): void {
  const values = texts(RECIPES[recipe]);
  const select = document.createElement('select');
  select.name = nameOf(prefix, 'recipe');
  select.dataset.testid = `${testPrefix}recipe`;
  for (const r of RECIPE_NAMES) select.add(new Option(`${r}${r === recipe ? ` (${command}'s default)` : ''}`, r, r === recipe, r === recipe));
  const labelled = (text: string, control: HTMLElement) => {
    const label = document.createElement('label');
    label.append(text, ' ', control);
    return label;
  };
  const nodes: HTMLElement[] = [labelled('Recipe', select)];
  for (const f of FIELDS) {
    let control: HTMLInputElement | HTMLSelectElement;
    if (f.choices) {
      control = document.createElement('select');
      for (const c of f.choices) control.add(new Option(c, c, c === values[f.key], c === values[f.key]));
    } else {
      control = document.createElement('input');
      control.type = f.type!;
      if (f.type === 'number') control.step = 'any';
      control.defaultValue = values[f.key]!;
      control.required = true;
    }
    control.name = nameOf(prefix, f.key);
    control.dataset.testid = `${testPrefix}${f.testid}`;
    // The value the chosen recipe gives it: the URL holds only the values that differ from it (url-state.ts).
    control.dataset.recipeValue = values[f.key]!;
    nodes.push(labelled(f.label, control));
  }
  box.replaceChildren(...nodes);
  // Choosing a recipe sets every control it decides, as --recipe sets the flags not given.
  select.addEventListener('change', () => setRecipe(box.closest('form')!, prefix, select.value as RecipeName));
}

/** Sets the recipe controls of `form` to `recipe`'s values. */
export function setRecipe(form: HTMLFormElement, prefix: string, recipe: RecipeName): void {
  for (const [key, value] of Object.entries(texts(RECIPES[recipe]))) {
    const control = form.elements.namedItem(nameOf(prefix, key)) as HTMLInputElement | HTMLSelectElement;
    control.value = value;
    control.dataset.recipeValue = value;
  }
}

/** Checks the recipe controls; the settings when all are valid, else the problems (in the form's words). */
export function readRecipeFields(form: HTMLFormElement, prefix: string): { settings: RecipeControls | null; problems: string[] } {
  const v = (key: string) => controlValue(form, nameOf(prefix, key));
  const problems = markControls(form, { [nameOf(prefix, 'hidden')]: wholeNumber(1, 256), [nameOf(prefix, 'epochs')]: wholeNumber(1, 5000), [nameOf(prefix, 'lr')]: positive, [nameOf(prefix, 'validation')]: share, [nameOf(prefix, 'patience')]: patience });
  // rnnkit's "--patience needs held-out windows; add --validation 0.2", in the form's words.
  if (!problems.length && +v('validation') === 0 && v('patience') !== 'off') problems.push('patience needs held-out windows: set the validation share above 0 (e.g. 0.2) or patience to off');
  if (problems.length) return { settings: null, problems };
  const validation = +v('validation');
  const calendar = v('calendar');
  return {
    problems,
    settings: {
      recipe: v('recipe') as RecipeName, scaler: v('scaler') as RecipeSettings['scaler'], targetTransform: v('targetTransform') as RecipeSettings['targetTransform'],
      inputTransform: v('inputTransform') as RecipeSettings['inputTransform'], calendar: calendar === 'none' ? [] : (calendar.split(',') as RecipeSettings['calendar']),
      hidden: +v('hidden'), epochs: +v('epochs'), lr: +v('lr'), optimizer: v('optimizer') as RecipeSettings['optimizer'],
      validation, patience: validation === 0 || v('patience') === 'off' ? null : +v('patience'),
    },
  };
}
