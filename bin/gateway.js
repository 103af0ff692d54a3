#!/usr/bin/env node
// Launcher only: everything lives in dist/ so that `--version` loads as little as possible.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv, { env: process.env, stdout: process.stdout, stderr: process.stderr });
