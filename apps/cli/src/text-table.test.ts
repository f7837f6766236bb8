import { expect, it } from 'vitest';
import { textTable } from './text-table.js';

it('sizes columns to their widest cell, so large numbers never run together', () => {
  const lines = textTable([['', 'RMSE', 'MAE'], ['model', '36581550.44', '36330856.29'], ['naive (last Volume)', '1.5', '0.25']]);
  expect(lines).toEqual([
    '                            RMSE          MAE',
    'model                36581550.44  36330856.29',
    'naive (last Volume)          1.5         0.25',
  ]);
});
