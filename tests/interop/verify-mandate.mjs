// Verifies a mandate with jose (panva/jose), independently of Mandate's own verifier:
// signature by a key of the SPIFFE bundle JWKS, alg ES256 and typ mandate+jwt.
// usage: node verify-mandate.mjs <bundle.jwks.json> <token-file> [current-time-seconds]
// prints {"ok":true,"header":{...},"payload":{...}} or {"ok":false,"code":"...","message":"..."}
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [jwksPath, tokenPath, now] = process.argv.slice(2);
if (!jwksPath || !tokenPath) {
  console.error('usage: node verify-mandate.mjs <bundle.jwks.json> <token-file> [current-time-seconds]');
  process.exit(2);
}

const bundle = JSON.parse(readFileSync(jwksPath, 'utf8'));
// Only the JWT-signing keys of the SPIFFE bundle verify mandates; x509-svid entries are CA keys.
// jose accepts a key whose "use" is "sig" or absent, so the SPIFFE "jwt-svid" use is dropped here.
const keys = createLocalJWKSet({
  keys: bundle.keys.filter((k) => k.use === 'jwt-svid').map(({ use, ...key }) => key),
});
const token = readFileSync(tokenPath, 'utf8').trim();

try {
  const { payload, protectedHeader } = await jwtVerify(token, keys, {
    algorithms: ['ES256'],
    typ: 'mandate+jwt',
    requiredClaims: ['iss', 'sub', 'exp', 'iat', 'jti'],
    currentDate: now ? new Date(Number(now) * 1000) : undefined,
    clockTolerance: 60,
  });
  console.log(JSON.stringify({ ok: true, header: protectedHeader, payload }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, code: error.code ?? 'ERR', message: error.message }));
}
