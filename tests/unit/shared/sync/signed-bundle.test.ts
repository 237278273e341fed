import { describe, expect, it } from 'vitest';
import { checkBundle, sealBundle, type ElectionBundleInput } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { exportPublicJwk, generateSigningKeyPair, keyId, signBundle, verifySignedBundle } from '../../../../shared/sync';

async function signed() {
  const pair = await generateSigningKeyPair(true);
  const jwk = await exportPublicJwk(pair.publicKey);
  const bundle = await sealBundle(demoBundle() as ElectionBundleInput);
  const checked = await checkBundle(bundle);
  if (!checked.ok) throw new Error('demo bundle');
  const s = await signBundle(bundle, { electionId: checked.value.bundle.election.id, bundleVersion: 1, bundleHash: checked.value.hash, signedAt: '2017-10-01T00:00:00Z' }, pair.privateKey, jwk);
  return { s, pin: { keyId: await keyId(jwk), key: pair.publicKey } };
}

describe('bundles signed by the center', () => {
  it('verify with the pinned key', async () => {
    const { s, pin } = await signed();
    const r = await verifySignedBundle(s, pin);
    expect(r.ok).toBe(true);
  });

  it('refuse another key, a changed statement, and a bundle that is not the one signed', async () => {
    const { s, pin } = await signed();
    const other = await generateSigningKeyPair(true);
    const otherJwk = await exportPublicJwk(other.publicKey);
    expect(await verifySignedBundle(s, { keyId: await keyId(otherJwk), key: other.publicKey })).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
    expect(await verifySignedBundle({ ...s, statement: { ...s.statement, bundleVersion: 9 } }, pin)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    const bundle = structuredClone(s.bundle) as { precincts: { address: string }[]; integrity?: unknown };
    bundle.precincts[0]!.address = 'Башка дарек';
    delete bundle.integrity;
    expect(await verifySignedBundle({ ...s, bundle }, pin)).toMatchObject({ ok: false, error: { code: 'hash-mismatch' } });
    const sealed = structuredClone(s.bundle) as { precincts: { address: string }[] };
    sealed.precincts[0]!.address = 'Башка дарек';
    expect(await verifySignedBundle({ ...s, bundle: sealed }, pin)).toMatchObject({ ok: false, error: { code: 'bundle-invalid' } });
  });
});
