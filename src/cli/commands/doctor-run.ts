// The body of `gateway doctor`, loaded only when the command runs.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import { renderDoctorReport } from '../../doctor/render-report.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { createCodeAssistUpstream } from '../../upstreams/code-assist/index.js';
import { useProxy } from '../../util/use-proxy.js';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import { createOutput } from '../output.js';
import type { DoctorOptions } from './doctor.js';

export async function runDoctorCommand(opts: DoctorOptions, cmd: Command, io: CliIO): Promise<void> {
  const out = createOutput(io);
  const config = await loadConfig(io.env, configFlags(cmd, opts));
  await useProxy(config.proxy);
  const spinner = await out.spinner('Checking');
  let report;
  try {
    report = await runDoctor({
      config,
      upstream: createCodeAssistUpstream(config),
      probe: opts.probe === true,
      timeoutMs: opts.timeout * 1000,
      onProgress: (line) => spinner.update(line),
    });
  } finally {
    spinner.stop();
  }
  if (opts.json) out.json(report);
  else io.stdout.write(renderDoctorReport(report, { color: out.color.level > 0, ...(io.stdout.columns ? { width: io.stdout.columns } : {}) }));
  if (!report.ok) {
    // The report said what and why; the exit code is for scripts.
    throw new CliError(`${report.needsYou.length} thing(s) need you; see above.`, 1);
  }
}
