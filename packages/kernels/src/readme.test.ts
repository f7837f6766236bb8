import { it } from 'vitest';
import { runReadmeExample } from '../../../test-utils/readme-example.js';

it('README example runs', () => runReadmeExample(new URL('../', import.meta.url)));
