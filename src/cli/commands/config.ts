// `gateway config init`: writes the starter config.json (every setting, commented out).
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export function register(program: Command, io: CliIO): void {
  const config = program
    .command('config')
    .description('the gateway settings file (config.json in the gateway home)')
    .addHelpText('after', '\nExample:\n  $ gateway config init\n');
  config
    .command('init')
    .description('write a starter config.json with every setting explained and commented out')
    .option('--force', 'replace an existing config.json (the old one is kept as config.json.bak-<time>)')
    .addHelpText('after', '\nconfig.json is JSON with comments; GATEWAY_* variables and flags override it.\n\nExample:\n  $ gateway config init\n')
    .action(async (opts: { force?: boolean }) => {
      const [{ writeStarterConfig }, { ensureWritableHome }, { configPath, resolveHome }, { createOutput }, { CliError }, fs, { stamp }] = await Promise.all([
        import('../../config/starter-config.js'),
        import('../../config/check-home.js'),
        import('../../config/paths.js'),
        import('../output.js'),
        import('../cli-error.js'),
        import('node:fs/promises'),
        import('../../clients/setup/apply.js'),
      ]);
      const out = createOutput(io);
      // The home alone, not loadConfig: a broken config.json is exactly what --force may replace.
      const home = resolveHome(io.env);
      await ensureWritableHome(home);
      const path = configPath(home);
      if (opts.force) {
        const backup = `${path}.bak-${stamp(new Date())}`;
        try {
          await fs.rename(path, backup);
          out.info(`Kept the old config.json as ${backup}.`);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
      if (!(await writeStarterConfig(home))) {
        throw new CliError(`${path} exists already; it was left as it is.`, 1, 'Edit it (JSON with comments), or replace it with `gateway config init --force`.');
      }
      out.out(`${out.color.green('✔')} Wrote ${path}: every setting, commented out. Remove the // in front of one to use it.`);
    });
}
