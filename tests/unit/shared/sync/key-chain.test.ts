import { describe, expect, it } from 'vitest';
import { checkBundle, sealBundle, type ElectionBundleInput } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { endorseKey, exportPublicJwk, generateSigningKeyPair, keyId, keyThroughChain, signBundle, verifySignedBundle } from '../../../../shared/sync';

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

  it('reports the key reached (what the laptop pins next); from a newer pin an older key’s endorsement is never followed', async () => {
    const a = await key();
    const b = await key();
    const c = await key();
    const d = await key();
    const ab = await endorseKey(a, b.publicJwk, '2017-10-01T00:00:00.000Z');
    const bc = await endorseKey(b, c.publicJwk, '2017-10-02T00:00:00.000Z');
    // The retired key A, stolen, endorses the thief's key D.
    const ad = await endorseKey(a, d.publicJwk, '2017-10-03T00:00:00.000Z');
    const reached = await keyThroughChain({ keyId: a.keyId, key: a.publicKey }, c.keyId, [ab, bc]);
    expect(reached).toMatchObject({ ok: true, value: { keyId: c.keyId, publicJwk: c.publicJwk } });
    // The signer is the pin: nothing to move to.
    expect(await keyThroughChain({ keyId: c.keyId, key: c.publicKey }, c.keyId, [ab, bc])).toMatchObject({ ok: true, value: { keyId: c.keyId, publicJwk: null } });
    // Pinned to A, the stolen endorsement leads to D: why the laptop moves its pin.
    expect(await keyThroughChain({ keyId: a.keyId, key: a.publicKey }, d.keyId, [ad])).toMatchObject({ ok: true, value: { keyId: d.keyId } });
    // Pinned to C: A→D is never followed, whatever else the chain holds.
    const pinC = { keyId: c.keyId, key: c.publicKey };
    expect(await keyThroughChain(pinC, d.keyId, [ad])).toEqual({ ok: false, error: 'wrong-key' });
    expect(await keyThroughChain(pinC, d.keyId, [ab, bc, ad])).toEqual({ ok: false, error: 'wrong-key' });
    const s = await bundleSignedBy(d);
    expect(await verifySignedBundle({ ...s, keyChain: [ab, bc, ad] }, pinC)).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
  });
});
