/**
 * A signed protocol received as its QR codes (the text a scanner types, one chunk a line): decoded
 * (shared/protocol/qr-payload), its figures read on the election's form, its hash recomputed, the
 * laptop's signature verified against the enrolled devices of that precinct (their current keys and
 * the keys a re-key retired), then recorded once.
 * Nothing is stored unless every check passes.
 */
import { expandForm } from '../../shared/protocol/form';
import { decodeQrChunks, valuesFromPayload } from '../../shared/protocol/qr-payload';
import { protocolHash } from '../../shared/protocol/signing';
import { importPublicKey, publicJwkSchema, verifyCanonical } from '../../shared/sync/keys';
import { canonicalJson } from '../../shared/util/canonical-json';
import type { Center } from './center';
import { bundleView, formOf } from './dashboard';
import { fail } from './failure';
import { readQrCodesFromImage } from './qr-image';

export interface QrReceipt {
  stored: boolean;
  electionId: string;
  precinct: number;
  version: number;
  mark: string;
  deviceId: string;
  hash: string;
}

export async function receiveProtocolQr(center: Center, text: string): Promise<QrReceipt> {
  const chunks = text.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');
  const decoded = decodeQrChunks(chunks);
  if (!decoded.ok) fail('qr-invalid', { detail: decoded.error.map((p) => p.code).join(', ') });
  const p = decoded.value.payload;
  const view = await bundleView(center, p.electionId);
  // What the codes name that this center does not hold, said with what was read (center/web/qr-problem).
  if (!view) fail('not-found', { detail: `election ${p.electionId}` });
  if (!view.precincts.some((x) => x.number === p.precinct)) fail('not-found', { detail: `precinct ${p.precinct} of election ${p.electionId}` });
  const form = expandForm(formOf(view), view.candidates, view.againstAll);
  const values = valuesFromPayload(form, p);
  if (!values.ok) fail('qr-invalid', { detail: values.error.map((e) => e.code).join(', ') });
  const hash = await protocolHash({
    electionId: p.electionId, precinct: p.precinct, formId: p.formId, formVersion: p.formVersion, version: p.protocolVersion, mark: p.mark, values: values.value,
  });
  if (hash !== p.hash) fail('hash-mismatch', { detail: 'protocol hash' });
  if (!p.signature) fail('bad-signature', { detail: 'unsigned' });
  // The precinct's laptops' keys, and the keys they had before a re-key (a laptop restored after it
  // printed the protocol: the paper's codes are signed with the key it had then). A revoked laptop's
  // keys sign nothing; one waiting for its re-key code to be used is not revoked for this.
  const devices = await center.db.query<{ device_id: string; public_key: string }>(
    `select d.device_id, d.public_key from devices d
       where d.election_id = $1 and d.precinct = $2 and (d.revoked_at is null or d.revoke_reason = 're-key')
     union all
     select r.device_id, r.public_key from device_keys_retired r join devices d on d.device_id = r.device_id
       where d.election_id = $1 and d.precinct = $2 and (d.revoked_at is null or d.revoke_reason = 're-key')`,
    [p.electionId, p.precinct],
  );
  let signer: string | null = null;
  for (const d of devices) {
    const key = await importPublicKey(publicJwkSchema.parse(JSON.parse(d.public_key)));
    if (key && (await verifyCanonical({ hash: p.hash }, p.signature, key))) {
      signer = d.device_id;
      break;
    }
  }
  if (!signer) fail('bad-signature', { detail: 'no enrolled laptop of the precinct signed it' });
  const inserted = await center.db.query<{ id: string }>(
    `insert into protocol_qr (election_id, precinct, protocol_version, mark, form_id, form_version, hash, device_id, line_values)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (election_id, precinct, hash) do nothing returning id::text as id`,
    [p.electionId, p.precinct, p.protocolVersion, p.mark, p.formId, p.formVersion, p.hash, signer, canonicalJson(values.value)],
  );
  return { stored: inserted.length > 0, electionId: p.electionId, precinct: p.precinct, version: p.protocolVersion, mark: p.mark, deviceId: signer, hash: p.hash };
}

/**
 * The protocol from images of its printed pages (scans or photos, PNG or JPEG): every code on every
 * image is read and the whole verified as pasted text would be. Pages without codes are passed
 * over; an unreadable file is refused, named by its place.
 */
export async function receiveProtocolQrImages(center: Center, images: readonly Uint8Array[], extraText = ''): Promise<QrReceipt> {
  const codes = extraText.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');
  for (const [i, image] of images.entries()) {
    const read = readQrCodesFromImage(image);
    if (!read.ok && read.error === 'no-code-found') continue;
    if (!read.ok) fail('qr-invalid', { detail: images.length > 1 ? `image ${i + 1}: ${read.error}` : read.error });
    for (const code of read.value) if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length === 0) fail('qr-invalid', { detail: 'no-code-found' });
  return receiveProtocolQr(center, codes.join('\n'));
}
