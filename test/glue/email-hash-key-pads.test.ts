import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hmacPads } from '../../local/email-hash-key-view';

/**
 * The Glue job derives the HMAC pads in Python, the local runner (whose SQL results the other tests compare with the
 * forwarder's hash) in TypeScript: both must give the same bytes. The script imports Glue modules that do not exist
 * here, so only its `hmac_pads` function (and the constant it reads) is taken from it and run.
 */
const SCRIPT = join(__dirname, '../../glue-scripts/raw_to_curated.py');
const KEYS = ['local-email-hash-key', 'A1b2C3d4'.repeat(8), 'k'.repeat(65), 'clé-ключ'];

const EXTRACT_AND_RUN = `
import ast, hashlib, hmac, json, sys
tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())
wanted = [n for n in tree.body if (isinstance(n, ast.FunctionDef) and n.name == 'hmac_pads')
          or (isinstance(n, ast.Assign) and any(getattr(t, 'id', '') == 'HMAC_SHA256_BLOCK_SIZE' for t in n.targets))]
scope = {'hashlib': hashlib, 'hmac': hmac}
exec(compile(ast.Module(body=wanted, type_ignores=[]), sys.argv[1], 'exec'), scope)
print(json.dumps([[pad.hex() for pad in scope['hmac_pads'](key)] for key in json.loads(sys.argv[2])]))
`;

test('the job script derives the same HMAC pads from the key as the local runner', () => {
  const result = spawnSync('/usr/bin/python3', ['-c', EXTRACT_AND_RUN, SCRIPT, JSON.stringify(KEYS)], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual(KEYS.map((key) => {
    const { innerPad, outerPad } = hmacPads(key);
    return [innerPad.toString('hex'), outerPad.toString('hex')];
  }));
});
