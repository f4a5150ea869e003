// Compiler or linker flags for the system's CBLAS on Linux (binding.gyp runs `node flags.cjs cflags|libs`):
// JEPA_LAB_BLAS_CFLAGS / JEPA_LAB_BLAS_LIBS when set (another CBLAS, or a non-standard prefix), else
// pkg-config's openblas, else the compiler's default paths with -lopenblas.
const { execFileSync } = require('node:child_process');

const what = process.argv[2];
if (what !== 'cflags' && what !== 'libs') {
  console.error('usage: node flags.cjs cflags|libs');
  process.exit(2);
}
const override = process.env[what === 'cflags' ? 'JEPA_LAB_BLAS_CFLAGS' : 'JEPA_LAB_BLAS_LIBS'];
let flags = override;
if (flags === undefined) {
  try {
    flags = execFileSync('pkg-config', [`--${what}`, 'openblas'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    flags = what === 'cflags' ? '' : '-lopenblas';
  }
}
console.log(flags);
