import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome } from '../../test/helpers/temp-home.js';
import { readJsonFile } from './read-json-file.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home: dir, cleanup } = await makeTempHome()));
afterEach(() => cleanup());

const invalid = (): Error => new RangeError('bad json');

describe('readJsonFile', () => {
  it('parses the file', async () => {
    await writeFile(join(dir, 'a.json'), '{"x":[1,2]}');
    expect(await readJsonFile(join(dir, 'a.json'), invalid)).toEqual({ x: [1, 2] });
  });

  it('gives undefined for a file that does not exist', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), invalid)).toBeUndefined();
  });

  it("throws the caller's error for text that is not JSON", async () => {
    await writeFile(join(dir, 'b.json'), 'not json');
    await expect(readJsonFile(join(dir, 'b.json'), invalid)).rejects.toThrow(RangeError);
  });

  it('passes other read errors through', async () => {
    await mkdir(join(dir, 'd.json'));
    await expect(readJsonFile(join(dir, 'd.json'), invalid)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
