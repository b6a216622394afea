#!/usr/bin/env node
// npm (11) records only this platform's optional native packages (@swc/core-*, msgpackr-extract-*, …) in
// package-lock.json when the registry serves no others, and `npm ci` then refuses the lock file. This adds
// an entry for each missing optional platform package, marked with its os/cpu so npm skips it elsewhere.
// Run after every `npm install`: npm run lock:complete
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pk = lock.packages;
const osOf = (n) =>
  /darwin/.test(n)
    ? 'darwin'
    : /win32/.test(n)
      ? 'win32'
      : /android/.test(n)
        ? 'android'
        : /freebsd/.test(n)
          ? 'freebsd'
          : /openharmony/.test(n)
            ? 'openharmony'
            : /netbsd/.test(n)
              ? 'netbsd'
              : /openbsd/.test(n)
                ? 'openbsd'
                : /sunos/.test(n)
                  ? 'sunos'
                  : /aix/.test(n)
                    ? 'aix'
                    : /wasm|wasi/.test(n)
                      ? null
                      : 'linux';
const cpuOf = (n) => (n.match(/(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64|mips64el|wasm32)/) || [])[1];
let added = 0;
for (const [path, meta] of Object.entries(pk)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies || {})) {
    const base = path ? `${path}/node_modules/` : 'node_modules/';
    if (pk[`${base}${dep}`] || pk[`node_modules/${dep}`]) continue;
    const os = osOf(dep),
      cpu = cpuOf(dep);
    pk[`node_modules/${dep}`] = {
      version,
      dev: meta.dev,
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    added++;
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
