// Differential-testing oracle: answers Cedar authorization requests with the reference implementation,
// @cedar-policy/cedar-wasm (pinned in package-lock.json), so Mandate.Cedar's answers can be compared.
//
// A long-running process: one JSON line in, one JSON line out, in order.
//   in:  a scenario   {"policies": "<cedar text>", "entities": [...entities JSON...], "requests": [request, ...]}
//        with optionally "templates": {id: "<template text>"} and "templateLinks": [{templateId, newId, values}]
//        (or "request": one request instead of "requests"), or an array of scenarios (a batch per round trip).
//        A request is {"principal": uid, "action": uid, "resource": uid, "context": {...}}.
//   out: for a scenario {"results": [answer, ...]} (or one answer for "request"); for an array, an array of those.
//        An answer is {"decision": "allow"|"deny", "reasons": [policy ids], "errors": [policy ids]}
//        or {"failure": "<message>"} when cedar-wasm refuses the input (policies, entities or request).
//        A policy set that does not parse answers {"parseFailure": "<message>"} for the whole scenario.
// Policies are parsed once per scenario (preparsePolicySet) and every request then goes through statefulIsAuthorized.
//
// The policy JSON format (EST) is checked on the same line protocol:
//   in:  {"est": [{"text": "<one policy or template>", "template": bool, "mandate": <Mandate's EST of it, or null>}, ...]}
//   out: {"est": [{"json": <cedar-wasm's EST of text> | "jsonFailure": "<message>",
//                  "text": <cedar-wasm's Cedar text read back from "mandate"> | "textFailure": "<message>"}, ...]}
//        ("text"/"textFailure" only when "mandate" is given).
// usage: node cedar-diff.mjs   (reads stdin until EOF)
import { createInterface } from 'node:readline';
import {
  preparsePolicySet, statefulIsAuthorized, getCedarVersion,
  policyToJson, templateToJson, policyToText, templateToText,
} from '@cedar-policy/cedar-wasm/nodejs';

const messages = (errors) => (errors ?? []).map((e) => e.message).join('; ');

function answer(setId, entities, request) {
  const result = statefulIsAuthorized({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    context: request.context ?? {},
    preparsedPolicySetId: setId,
    entities,
  });
  if (result.type !== 'success') {
    return { failure: messages(result.errors) || 'failure' };
  }
  const { decision, diagnostics } = result.response;
  return {
    decision,
    reasons: [...diagnostics.reason].sort(),
    errors: diagnostics.errors.map((e) => e.policyId).sort(),
  };
}

function scenario(input) {
  const parsed = preparsePolicySet('diff', {
    staticPolicies: input.policies ?? '',
    templates: input.templates ?? {},
    templateLinks: input.templateLinks ?? [],
  });
  if (parsed.type !== 'success') {
    return { parseFailure: messages(parsed.errors) || 'parse failure' };
  }
  const entities = input.entities ?? [];
  if (input.request !== undefined) {
    return answer('diff', entities, input.request);
  }
  return { results: (input.requests ?? []).map((r) => answer('diff', entities, r)) };
}

function est(item) {
  const answer = {};
  const json = (item.template ? templateToJson : policyToJson)(item.text);
  if (json.type === 'success') {
    answer.json = json.json;
  } else {
    answer.jsonFailure = messages(json.errors) || 'failure';
  }
  if (item.mandate !== undefined && item.mandate !== null) {
    const text = (item.template ? templateToText : policyToText)(item.mandate);
    if (text.type === 'success') {
      answer.text = text.text;
    } else {
      answer.textFailure = messages(text.errors) || 'failure';
    }
  }
  return answer;
}

function handle(line) {
  try {
    const input = JSON.parse(line);
    if (!Array.isArray(input) && Array.isArray(input.est)) {
      return { est: input.est.map(est) };
    }
    return Array.isArray(input) ? input.map(scenario) : scenario(input);
  } catch (error) {
    return { crash: String(error?.stack ?? error) };
  }
}

if (process.argv.includes('--version')) {
  console.log(getCedarVersion());
  process.exit(0);
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') {
    continue;
  }
  process.stdout.write(JSON.stringify(handle(line)) + '\n');
}
