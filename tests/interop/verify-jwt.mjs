// Verifies a JWT-SVID with the `jose` package, as an independent relying party would.
//
//   node verify-jwt.mjs <bundle.jwks.json> <token-file> <audience> [currentDate ISO-8601|-] [maxTokenAge seconds|-]
//
// Prints one JSON line: {"ok":true,"error":null,"payload":{...}} or {"ok":false,"error":"<code>: <message>","payload":null}.
// A SPIFFE bundle marks JWT authorities with use "jwt-svid" (SPIFFE Trust Domain and Bundle spec §4.2.2);
// jose only accepts use "sig" or none, so the script keeps the jwt-svid keys and drops the SPIFFE-only
// member, exactly as a SPIFFE-aware relying party maps the bundle before handing it to a JOSE library.
import { readFileSync } from "node:fs";
import { createLocalJWKSet, jwtVerify } from "jose";

const [bundlePath, tokenPath, audience, currentDate, maxTokenAge] = process.argv.slice(2);

function print(result) {
  process.stdout.write(JSON.stringify(result) + "\n");
}

try {
  if (!bundlePath || !tokenPath || !audience) {
    throw new Error("usage: node verify-jwt.mjs <bundle.jwks.json> <token-file> <audience> [currentDate|-] [maxTokenAge|-]");
  }

  const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
  const keys = bundle.keys
    .filter((k) => k.use === "jwt-svid")
    .map(({ use, ...jwk }) => jwk);
  const jwks = createLocalJWKSet({ keys });
  const token = readFileSync(tokenPath, "utf8").trim();

  const options = { audience, algorithms: ["ES256"] };
  if (currentDate && currentDate !== "-") {
    options.currentDate = new Date(currentDate);
  }
  if (maxTokenAge && maxTokenAge !== "-") {
    options.maxTokenAge = Number(maxTokenAge);
  }

  const { payload, protectedHeader } = await jwtVerify(token, jwks, options);
  print({ ok: true, error: null, payload, header: protectedHeader });
} catch (e) {
  print({ ok: false, error: `${e.code ?? e.name}: ${e.message}`, payload: null });
}
