import { describe, expect, it } from 'vitest';
import { checkBundle, sealBundle, type ElectionBundleInput } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { endorseKey, exportPublicJwk, generateSigningKeyPair, keyId, signBundle, verifySignedBundle } from '../../../../shared/sync';

async function key() {
  const pair = await generateSigningKeyPair(true);
  const publicJwk = await exportPublicJwk(pair.publicKey);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk, keyId: await keyId(publicJwk) };
}

async function bundleSignedBy(k: Awaited<ReturnType<typeof key>>) {
  const bundle = await sealBundle(demoBundle() as ElectionBundleInput);
  const checked = await checkBundle(bundle);
  if (!checked.ok) throw new Error('demo bundle');
  return signBundle(bundle, { electionId: checked.value.bundle.election.id, bundleVersion: 1, bundleHash: checked.value.hash, signedAt: '2017-10-01T00:00:00Z' }, k.privateKey, k.publicJwk);
}

describe('center key rotation (the old key signs the new)', () => {
  it('a laptop pinned to the old key accepts the new key only through the chain', async () => {
    const a = await key();
    const b = await key();
    const c = await key();
    const pin = { keyId: a.keyId, key: a.publicKey };
    const s = await bundleSignedBy(c);
    const ab = await endorseKey(a, b.publicJwk, '2017-10-01T00:00:00.000Z');
    const bc = await endorseKey(b, c.publicJwk, '2017-10-02T00:00:00.000Z');
    expect((await verifySignedBundle({ ...s, keyChain: [bc, ab] }, pin)).ok).toBe(true);
    // Without the chain, or with a link missing: the wrong key.
    expect(await verifySignedBundle(s, pin)).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
    expect(await verifySignedBundle({ ...s, keyChain: [bc] }, pin)).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
    // A link signed by a key other than the one it starts from (c endorsing itself as if from b).
    const forged = await endorseKey(c, c.publicJwk, '2017-10-02T00:00:00.000Z');
    const fake = { ...forged, keyId: b.keyId, statement: { ...forged.statement, fromKeyId: b.keyId } };
    expect(await verifySignedBundle({ ...s, keyChain: [ab, fake] }, pin)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    // A link whose key is not the id it claims.
    const swapped = { ...bc, statement: { ...bc.statement, toPublicKey: a.publicJwk } };
    expect(await verifySignedBundle({ ...s, keyChain: [ab, swapped] }, pin)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
  });
});
