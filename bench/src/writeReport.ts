import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serverProcess';
import { renderMarkdown, type BenchResults } from './report';

/** `pnpm --filter @rolegraph/bench run report`: re-renders bench/results.md from bench/results.json, without measuring again. */
const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8')) as BenchResults;
fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), renderMarkdown(results));
console.log('Wrote bench/results.md');
