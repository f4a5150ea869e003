import { resolveConfig } from '../worker/config.ts';
import { toReferenceYaml, readConfigFile } from '../main/config-file.ts';
import fs from 'node:fs';
const c = resolveConfig('tiny', { optimization: { workers: 2 } });
fs.writeFileSync('.proto/c.yaml', toReferenceYaml(c));
console.log(JSON.stringify(resolveConfig('tiny', readConfigFile('.proto/c.yaml'))) === JSON.stringify(c));
