/** Vitest setup file: runs in every test file, after that file's own hooks. */
import { afterAll } from 'vitest';

import { removeScratchDataDirs } from './scratch-dirs';

afterAll(removeScratchDataDirs);
