#!/usr/bin/env node
// The Action's entry point: TypeScript compiled on the fly, as bin/aims.mjs does.
import { register } from 'tsx/esm/api';

register();
const { runAction } = await import('./run-action.ts');
process.exitCode = await runAction(process.env);
