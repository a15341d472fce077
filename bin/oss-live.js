#!/usr/bin/env node
// Runs the TypeScript CLI straight from the sources (tsx), so a checkout works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../electron/cli/process.ts');
await runFromProcess();
