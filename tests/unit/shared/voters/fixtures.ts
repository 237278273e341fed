/** Reading the small voter-list fixture files in tests/fixtures/voters. */
import { readFileSync } from 'node:fs';

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../fixtures/voters/${name}`, import.meta.url)));
}

export function readFixtureJson<T>(name: string): T {
  return JSON.parse(new TextDecoder().decode(readFixture(name))) as T;
}
