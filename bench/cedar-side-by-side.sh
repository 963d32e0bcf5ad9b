#!/usr/bin/env bash
# Runs the same Cedar requests through Mandate.Cedar and through cedar-wasm's statefulIsAuthorized (pre-parsed
# policies), for 1, 10, 100 and 1,000 realistic agent policies, and prints both engines' median and p99 latency per
# authorization and the ratio. Both must reach the same decision on every request.
# usage: bench/cedar-side-by-side.sh [policy-count ...]     env: MANDATE_ITERATIONS (C#, 200000), WASM_ITERATIONS (5000)
# Needs: .NET SDK 10, node, and 'npm ci' in tests/interop.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 10 100 1000)
[ -d "$root/tests/interop/node_modules/@cedar-policy/cedar-wasm" ] || { echo "cedar-wasm is not installed: run 'npm ci' in tests/interop" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$root/bench/cedar-side-by-side/CedarSideBySide.csproj" -c Release -o "$out/bin" --nologo -v q -clp:ErrorsOnly >&2

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); load: $(uptime | sed 's/.*load average: //')"
printf '%9s | %14s %12s | %14s %12s | %12s %9s\n' policies "Mandate median" "Mandate p99" "wasm median" "wasm p99" "median ratio" "p99 ratio"
for n in "${counts[@]}"; do
  dir="$out/w$n"
  mandate="$(dotnet "$out/bin/CedarSideBySide.dll" "$n" "$dir" "${MANDATE_ITERATIONS:-200000}")"
  wasm="$(node "$root/bench/cedar-side-by-side.mjs" "$dir" "${WASM_ITERATIONS:-5000}")"
  node -e '
    const [m, w] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
    const same = JSON.stringify(m.decisions) === JSON.stringify(w.decisions);
    if (!same) { console.error("decisions differ:\n" + JSON.stringify(m.decisions) + "\n" + JSON.stringify(w.decisions)); process.exit(1); }
    const allows = m.decisions.filter((d) => d === "allow").length;
    const f = (x) => x.toFixed(2) + " µs";
    console.log(String(m.policies).padStart(9) + " | " + f(m.median_us).padStart(14) + " " + f(m.p99_us).padStart(12) + " | "
      + f(w.median_us).padStart(14) + " " + f(w.p99_us).padStart(12) + " | " + (w.median_us / m.median_us).toFixed(0).padStart(11) + "× "
      + (w.p99_us / m.p99_us).toFixed(0).padStart(8) + "×   (" + allows + "/" + m.decisions.length + " allowed, same decisions)");
  ' "$mandate" "$wasm"
done
