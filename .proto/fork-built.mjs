import { fork } from 'node:child_process';
const child = fork('/work/main/.proto/ev-out/main/worker.js', [], { env: { ...process.env, JEPA_LAB_WORKER: '1' }, serialization: 'advanced' });
const cfg = JSON.parse(process.argv[2]);
child.on('message', (m) => { if (m.type !== 'metrics' && m.type !== 'progress') console.log(JSON.stringify(m).slice(0, 200)); });
child.on('exit', (c) => console.log('exit', c));
child.send({ type: 'start', job: { kind: 'train', runId: 1, config: cfg, datasetDir: '/work/main/.proto/home/datasets/digits', checkpointRoot: '/work/main/.proto/ckpts', backend: 'wasm' } });
