#!/usr/bin/env node
// The `jepa-lab` command: TypeScript sources run through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/cli.ts');
