// knip: files nothing reaches, exports nobody imports, dependencies nobody uses (and used ones not
// listed). `npm run knip`; .ci/run runs it after the linter. The entries are every way code is
// reached: the CLI, the bench's processes, the tests, the dashboard's page.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // bin/gateway.js imports dist/cli/main.js, the build of this; its commands load their modules
    // with import() of literal paths, which knip follows.
    'src/cli/main.ts!',
    // `npm run bench` runs run.js and compare-builds.js; they start the *-child.js scripts by name.
    'bench/run.ts',
    'bench/compare-builds.ts',
    'bench/*-child.ts',
    // The dashboard's page (ui/index.html) loads main.js, which imports the rest.
    'ui/js/main.js!',
  ],
  // `!` marks what ships: `knip --production` (also in `npm run knip`) looks only at those, so an
  // export that only tests import shows up there. Where the test is the point (a pure helper tested
  // on its own, a constant a test must not repeat) the export carries `@internal`.
  project: ['src/**/*.ts!', '!src/**/test-support/**!', '!src/**/test-support.ts!', 'test/**/*.ts', 'bench/**/*.ts', 'ui/js/**/*.js!', 'bin/**/*.js!'],
  // A type used in its own file is part of an exported shape's vocabulary (a wire type's parts, say).
  ignoreExportsUsedInFile: { interface: true, type: true },
  vitest: { config: ['vitest.config.ts', 'vitest.keychain.config.ts'] },
  // Served to the dashboard by path (createRequire().resolve in server/routes/ui-assets.ts), never imported.
  ignoreDependencies: ['chart.js'],
  // Programs found on PATH at run time, not packages: cloudflared for `gateway tunnel` (the user
  // installs it), taskset (util-linux) to pin the bench's processes to cores where it exists.
  ignoreBinaries: ['cloudflared', 'taskset'],
};

export default config;
