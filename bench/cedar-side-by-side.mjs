// The cedar-wasm half of bench/cedar-side-by-side.sh: times @cedar-policy/cedar-wasm's statefulIsAuthorized
// (policies pre-parsed once with preparsePolicySet) on the workload the C# half wrote, and prints one JSON line:
// {"engine", "policies", "iterations", "median_us", "p99_us", "decisions"}.
// Each request carries only the entities it can reach (its principal and resource with their ancestors):
// cedar-wasm parses the entities on every call, so the smallest correct slice is the fairest to it.
// usage: node cedar-side-by-side.mjs <directory> [iterations]   (run from anywhere; resolves tests/interop's copy)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tests', 'interop', 'package.json'));
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

const [directory, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg ?? 5000);
const lines = (file) => readFileSync(join(directory, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
const policies = readFileSync(join(directory, 'policies.cedar'), 'utf8');
const requests = lines('requests.jsonl');
const slices = lines('request-entities.jsonl');

const parsed = cedar.preparsePolicySet('bench', { staticPolicies: policies });
if (parsed.type !== 'success') {
  throw new Error('cedar-wasm cannot parse the policies: ' + JSON.stringify(parsed.errors));
}

const call = (i) => {
  const r = requests[i % requests.length];
  return { principal: r.principal, action: r.action, resource: r.resource, context: r.context, preparsedPolicySetId: 'bench', entities: slices[i % requests.length] };
};
const decide = (i) => {
  const answer = cedar.statefulIsAuthorized(call(i));
  if (answer.type !== 'success') {
    throw new Error('cedar-wasm refused request ' + i + ': ' + JSON.stringify(answer.errors));
  }
  return answer.response.decision;
};

for (let i = 0; i < Math.min(1000, iterations); i++) {
  decide(i);
}
const times = new Float64Array(iterations);
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  decide(i);
  times[i] = Number(process.hrtime.bigint() - start) / 1000;
}
times.sort();
const round = (x) => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  engine: 'cedar-wasm ' + cedar.getCedarVersion(),
  policies: policies.split('\n').length,
  iterations,
  median_us: round(times[Math.floor(iterations / 2)]),
  p99_us: round(times[Math.floor(iterations * 0.99)]),
  decisions: requests.map((_, i) => decide(i)),
}));
