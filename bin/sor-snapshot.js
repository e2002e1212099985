#!/usr/bin/env node
// The npm bin. Node 20 cannot run TypeScript, so this runs the CLI bundle that `npm run build:cli`
// makes from src/cli/main.ts (in the repository, run `node --import tsx src/cli/main.ts` instead).
import { runCli } from '../dist/cli/sor-snapshot.js';

process.exitCode = await runCli(process.argv.slice(2));
