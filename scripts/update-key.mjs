// The release key of offline update packages (docs/UPDATES.md), Ed25519:
//   node scripts/update-key.mjs new <folder>
//       writes <folder>/update-release.key (private, mode 0600: keep it offline, never commit it)
//       and <folder>/update-release.pub (public: build with PRECINCT_UPDATE_PUBLIC_KEY=<that file>)
//   node scripts/update-key.mjs sign <package-folder> <private-key-file>
//       signs the exact bytes of <package-folder>/latest.yml into <package-folder>/latest.yml.sig (base64)
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function fail(message) {
  console.error(message);
  process.exit(1);
}

const [command, ...args] = process.argv.slice(2);

if (command === 'new' && args.length === 1) {
  const [folder] = args;
  const privatePath = join(folder, 'update-release.key');
  const publicPath = join(folder, 'update-release.pub');
  if (existsSync(privatePath) || existsSync(publicPath)) fail(`Refused: ${folder} already holds a release key; it is never overwritten.`);
  mkdirSync(folder, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  console.log(`Wrote ${privatePath} (private: keep it offline, never in the repository) and ${publicPath}.`);
  console.log(`Build with PRECINCT_UPDATE_PUBLIC_KEY=${publicPath} npm run dist:…`);
} else if (command === 'sign' && args.length === 2) {
  const [packageFolder, keyPath] = args;
  const manifestPath = join(packageFolder, 'latest.yml');
  if (!existsSync(manifestPath)) fail(`Refused: ${manifestPath} does not exist (electron-builder writes it next to the installer).`);
  const key = createPrivateKey(readFileSync(keyPath));
  if (key.asymmetricKeyType !== 'ed25519') fail('Refused: the key is not an Ed25519 private key.');
  const manifest = readFileSync(manifestPath);
  const signature = sign(null, manifest, key);
  if (!verify(null, manifest, createPublicKey(key), signature)) fail('The signature did not verify.');
  writeFileSync(join(packageFolder, 'latest.yml.sig'), `${signature.toString('base64')}\n`);
  console.log(`Wrote ${join(packageFolder, 'latest.yml.sig')}. Carry the folder (latest.yml, latest.yml.sig and the installer) to the laptops.`);
} else {
  fail('Usage: node scripts/update-key.mjs new <folder> | sign <package-folder> <private-key-file>');
}
