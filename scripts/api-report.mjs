#!/usr/bin/env node
// The API report of the package in the current folder: api-extractor reads the built
// dist/*.d.ts and writes etc/<name>.api.md, one per api-extractor*.json config (onnx has two
// entry points). Turbo runs it in each package, after build:
//   node ../../scripts/api-report.mjs --local   rewrites the reports          (`pnpm api`)
//   node ../../scripts/api-report.mjs           fails if one differs from git  (`pnpm api:check`)
// Add --verbose for api-extractor's own progress lines.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const local = process.argv.includes('--local');
const verbose = process.argv.includes('--verbose');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const here = relative(root, process.cwd()) || '.';
const configs = readdirSync('.').filter((f) => /^api-extractor(\.[\w-]+)?\.json$/.test(f)).sort();
if (configs.length === 0) {
  console.error(`api-report: no api-extractor.json in ${here}`);
  process.exit(2);
}

// api-extractor's own notices about the report file; this script prints one line instead.
const REPORT_NOTICES = new Set(['console-api-report-not-copied', 'console-api-report-created', 'console-api-report-copied']);

let failed = false;
for (const file of configs) {
  const config = ExtractorConfig.loadFileAndPrepare(join(process.cwd(), file));
  const report = relative(root, config.reportFilePath);
  const existed = existsSync(config.reportFilePath);
  if (local) mkdirSync(config.reportFolder, { recursive: true });
  const result = Extractor.invoke(config, {
    localBuild: local,
    printApiReportDiff: !local,
    messageCallback: (message) => {
      if (message.category !== 'console') return;
      if (REPORT_NOTICES.has(message.messageId)) message.logLevel = 'none';
      else if (message.messageId === 'console-api-report-diff') message.logLevel = 'info';
      else if (!verbose && message.logLevel === 'info') message.logLevel = 'none';
    },
  });
  if (result.errorCount + result.warningCount > 0) {
    console.error(`api-report: ${here}/${file}: ${result.errorCount} error(s), ${result.warningCount} warning(s) from api-extractor (above)`);
    failed = true;
  }
  if (!result.apiReportChanged) continue;
  if (local) {
    console.log(`api-report: ${existed ? 'updated' : 'created'} ${report}`);
  } else {
    console.error(
      `api-report: ${report} ${existed ? 'differs from the API that dist/ exports (diff above)' : 'is missing'}.` +
        ` If the change is meant, run \`pnpm api\` at the repository root and commit ${report}.`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
