#!/usr/bin/env node
// Restores the lockfile entries of other platforms' optional binaries (macOS, Windows, musl…).
//
// Why: this machine's npm registry mirror serves only the packages this platform installs, and
// npm 11 then leaves other platforms' optional packages out of package-lock.json (npm/cli#9343,
// #4828). `npm ci` refuses such a lockfile ("Missing: @biomejs/cli-darwin-arm64@ from lock
// file"). The entries below carry version, os and cpu (so every platform skips what is not its
// own) but no integrity, which the mirror cannot give us. Run after changing dependencies:
//   npm install && node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

/** os/cpu/libc from the package name's platform suffix, as the binary packages name themselves. */
function platformOf(name) {
  const n = name.toLowerCase();
  const oses = [
    ["darwin", "darwin"],
    ["win32", "win32"],
    ["windows", "win32"],
    ["android", "android"],
    ["freebsd", "freebsd"],
    ["openbsd", "openbsd"],
    ["openharmony", "openharmony"],
    ["sunos", "sunos"],
    ["aix", "aix"],
    ["linux", "linux"],
  ];
  const cpus = [
    [/arm64|aarch64/, "arm64"],
    [/x64|-64$|amd64/, "x64"],
    [/ia32/, "ia32"],
    [/loong64/, "loong64"],
    [/ppc64/, "ppc64"],
    [/riscv64/, "riscv64"],
    [/s390x/, "s390x"],
    [/-arm(?:-|$)|armv7|gnueabihf|musleabihf|arm-eabi/, "arm"],
  ];
  const os = oses.find(([key]) => n.includes(key))?.[1];
  const cpu = cpus.find(([pattern]) => pattern.test(n))?.[1];
  if (!os || !cpu) return null;
  return { os: [os], cpu: [cpu], ...(/musl/.test(n) ? { libc: ["musl"] } : /gnu/.test(n) ? { libc: ["glibc"] } : {}) };
}

/** The lockfile path where node resolution finds `name` from the package at `from`, or null. */
function locate(from, name) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === "") return null;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut < 0 ? "" : dir.slice(0, cut);
  }
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const found = locate(path, name);
    // An exact version must match; a range (fsevents@~2.3.3) is npm's own business.
    if (found && (packages[found].version === version || !/^\d/.test(version))) continue;
    const platform = platformOf(name);
    if (!platform) {
      console.warn(`left alone: ${name}@${version} (needed by ${path || "the root"}): platform unknown`);
      continue;
    }
    // Place it beside a sibling binary of the same parent that is in the lockfile (where npm
    // itself put this platform's one), else at the top if that spot is free.
    const sibling = Object.keys(meta.optionalDependencies)
      .map((other) => locate(path, other))
      .find((p) => p !== null && packages[p].version === version);
    const top = `node_modules/${name}`;
    const at = sibling
      ? `${sibling.slice(0, sibling.lastIndexOf("node_modules/"))}node_modules/${name}`
      : packages[top]
        ? `${path}/node_modules/${name}`
        : top;
    packages[at] = { version, ...platform, dev: meta.dev, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
