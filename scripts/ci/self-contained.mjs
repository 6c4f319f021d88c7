/* global console, process */
// Fails when a tracked file reads or links a path outside the repository. A newcomer has a
// clone and nothing beside it, so a test that reads a folder beside the clone, or a doc that
// links there, works only on the machine that wrote it. Every relative path written in a tracked text file
// (`../x`, `../../y/z`, in code, configs and Markdown links) is resolved against that file's
// folder, and one that lands outside the repository is reported with its file and line.
//
//   node scripts/ci/self-contained.mjs          exit 0 when nothing leaves the repo, 1 otherwise
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();

/** Generated or third-party data: no path in them is ours to follow. */
const SKIPPED = [/^package-lock\.json$/, /^sandbox\/test\/fixtures\/ocsf-schema\//, /\.png$/];

/** `../` once or more, then what follows up to a quote, space or closing bracket. */
const PARENT_PATH = /(?:\.\.\/)+[^\s'"`)\]>,;]*/g;

function tracked() {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file && !SKIPPED.some((re) => re.test(file)));
}

/** Where `written` points when read from `file`, if that is outside the repository. */
function escapes(file, written) {
  const target = resolve(root, dirname(file), written);
  const fromRoot = relative(root, target);
  return fromRoot === '..' || fromRoot.startsWith('../') || isAbsolute(fromRoot);
}

const found = [];
for (const file of tracked()) {
  let text;
  try {
    text = readFileSync(resolve(root, file), 'utf8');
  } catch {
    continue; // deleted in the work tree but still tracked
  }
  if (text.includes('\0')) continue; // binary
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(PARENT_PATH)) {
      if (escapes(file, match[0])) found.push(`${file}:${index + 1}: ${match[0]}`);
    }
  });
}

if (found.length > 0) {
  console.error('These tracked files read or link outside the repository:');
  for (const entry of found) console.error(`  ${entry}`);
  console.error('A fresh clone has nothing beside it: bring what is needed into the repo.');
  process.exit(1);
}
console.log('Nothing in the repository reads or links outside it.');
