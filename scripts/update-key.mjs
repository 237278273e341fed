// The release key of offline update packages (docs/UPDATES.md), Ed25519:
//   node scripts/update-key.mjs new <folder>
//       writes <folder>/update-release.key (private, mode 0600: keep it offline, never commit it)
//       and <folder>/update-release.pub (public: build with PRECINCT_UPDATE_PUBLIC_KEY=<that file>)
//   node scripts/update-key.mjs package <installer> <package-folder> <private-key-file> [--version <x.y.z>]
//       makes the USB folder: copies the installer in, writes latest.yml (version, file name, SHA-512,
//       size; electron-builder writes none with `publish: null`) and signs it. The version is
//       package.json's unless given, and must appear in the installer's file name.
//   node scripts/update-key.mjs sign <package-folder> <private-key-file>
//       signs the exact bytes of <package-folder>/latest.yml into <package-folder>/latest.yml.sig (base64)
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function fail(message) {
  console.error(message);
  process.exit(1);
}

const [command, ...args] = process.argv.slice(2);

/** The same semantic version and file name rules the laptop applies (electron/main/update-package.ts). */
const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/u;
const INSTALLER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,199}\.(?:exe|AppImage|dmg)$/u;

function signManifest(packageFolder, keyPath) {
  const manifestPath = join(packageFolder, 'latest.yml');
  if (!existsSync(manifestPath)) fail(`Refused: ${manifestPath} does not exist.`);
  const key = createPrivateKey(readFileSync(keyPath));
  if (key.asymmetricKeyType !== 'ed25519') fail('Refused: the key is not an Ed25519 private key.');
  const manifest = readFileSync(manifestPath);
  const signature = sign(null, manifest, key);
  if (!verify(null, manifest, createPublicKey(key), signature)) fail('The signature did not verify.');
  writeFileSync(join(packageFolder, 'latest.yml.sig'), `${signature.toString('base64')}\n`);
  console.log(`Wrote ${join(packageFolder, 'latest.yml.sig')}. Carry the folder (latest.yml, latest.yml.sig and the installer) to the laptops.`);
}

function packageVersion() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

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
  console.log(`Build with PRECINCT_UPDATE_PUBLIC_KEY=${publicPath} npm run build, then npx electron-builder --win (docs/UPDATES.md).`);
} else if (command === 'package' && (args.length === 3 || (args.length === 5 && args[3] === '--version'))) {
  const [installer, packageFolder, keyPath, , given] = args;
  const version = given ?? packageVersion();
  const name = basename(installer);
  if (!SEMVER.test(version)) fail(`Refused: ${version} is not a semantic version.`);
  if (!INSTALLER_NAME.test(name) || name.includes('..')) fail(`Refused: ${name} is not an installer name the laptop accepts (letters, digits, spaces, ._()+- ending .exe, .AppImage or .dmg).`);
  if (!name.includes(version)) fail(`Refused: the installer ${name} does not carry version ${version} in its name (give --version <the installer's version>).`);
  if (!existsSync(installer) || !statSync(installer).isFile()) fail(`Refused: ${installer} is not a file.`);
  if (existsSync(packageFolder) && readdirSync(packageFolder).length > 0) fail(`Refused: ${packageFolder} is not empty; a package folder holds only its three files.`);
  mkdirSync(packageFolder, { recursive: true });
  const target = join(packageFolder, name);
  copyFileSync(installer, target);
  const bytes = readFileSync(target);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const manifest = [
    `version: ${version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    `path: ${name}`,
    `sha512: ${sha512}`,
    `releaseDate: '${new Date().toISOString()}'`,
    '',
  ].join('\n');
  writeFileSync(join(packageFolder, 'latest.yml'), manifest);
  console.log(`Wrote ${join(packageFolder, 'latest.yml')} (version ${version}, ${bytes.length} bytes).`);
  signManifest(packageFolder, keyPath);
} else if (command === 'sign' && args.length === 2) {
  signManifest(args[0], args[1]);
} else {
  fail('Usage: node scripts/update-key.mjs new <folder> | package <installer> <package-folder> <private-key-file> [--version <x.y.z>] | sign <package-folder> <private-key-file>');
}
