// Checks that a packaged .vsix would be accepted by the VS Code Marketplace
// and Open VSX, with the checks of their own clients that run offline:
// vsce's manifest validation for packaging and publishing, and ovsx's
// manifest and license checks. Both registries refuse an extension without
// a license; the Marketplace shows the LICENSE asset on the extension page.
//
//   node test/publish/check.mjs scratchvet.vsix    (from vscode-extension/)
//
// Publishing itself needs the network and a token: not done here.
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const vsixPath = path.resolve(process.argv[2] ?? 'scratchvet.vsix');
const extensionDir = path.resolve(import.meta.dirname, '../..');
const fromExtension = createRequire(path.join(extensionDir, 'package.json'));
const fromHere = createRequire(import.meta.url);
const semver = fromExtension('semver');

const vsceZip = fromExtension('@vscode/vsce/out/zip.js');
const vscePackage = fromExtension('@vscode/vsce/out/package.js');
const vsceValidation = fromExtension('@vscode/vsce/out/validation.js');
const ovsxZip = fromHere('ovsx/lib/zip.js');
const ovsxUtil = fromHere('ovsx/lib/util.js');
const ovsxLicense = fromHere('ovsx/lib/check-license.js');

const failures = [];
async function check(what, fn) {
  try {
    await fn();
    console.log(`ok   ${what}`);
  } catch (err) {
    failures.push(what);
    console.log(`FAIL ${what}: ${err.message ?? err}`);
  }
}

// vsce: the manifest inside the .vsix, as `vsce publish --packagePath` reads it.
const { manifest, xmlManifest } = await vsceZip.readVSIXPackage(vsixPath);
await check('vsce: manifest valid for packaging', () => vscePackage.validateManifestForPackaging(manifest));
await check('vsce: publisher, name, version, engine', () => {
  vsceValidation.validatePublisher(manifest.publisher);
  vsceValidation.validateExtensionName(manifest.name);
  vsceValidation.validateVersion(manifest.version);
  vsceValidation.validateEngineCompatibility(manifest.engines.vscode);
});
// vsce's validateManifestForPublishing is not exported; its conditions:
// no proposed API, and no prerelease version (the Marketplace has none).
await check('vsce: no proposed API, no prerelease version', () => {
  if (manifest.enableProposedApi || manifest.enabledApiProposals?.length) {
    throw new Error('uses proposed API');
  }
  if (semver.prerelease(manifest.version)) {
    throw new Error(`prerelease version ${manifest.version}`);
  }
});
await check('vsce: the .vsix manifest names the license file', () => {
  const metadata = xmlManifest.PackageManifest.Metadata[0];
  const license = metadata.License?.[0];
  const assets = xmlManifest.PackageManifest.Assets[0].Asset.map((a) => a.$);
  if (!license || !assets.some((a) => a.Type === 'Microsoft.VisualStudio.Services.Content.License' && a.Path === license)) {
    throw new Error('no License element with its asset');
  }
});

// ovsx: the manifest as `ovsx publish scratchvet.vsix` reads it, and the
// license check it runs before publishing.
const ovsxManifest = await ovsxZip.readVSIXPackage(vsixPath);
await check('ovsx: manifest has publisher, name, version', () => ovsxUtil.validateManifest(ovsxManifest));
await check('ovsx: license (declared in the manifest)', async () => {
  if (!ovsxManifest.license || !(await ovsxLicense.isLicenseOk(extensionDir, ovsxManifest))) {
    throw new Error(`no license: ${ovsxManifest.license}`);
  }
});
await check('license is BSD-3-Clause and the file is in the .vsix', async () => {
  if (manifest.license !== 'BSD-3-Clause') {
    throw new Error(`license ${manifest.license}`);
  }
  const files = await vsceZip.readZip(vsixPath, (name) => /^extension\/LICENSE(\.txt)?$/i.test(name));
  const text = [...files.values()][0]?.toString('utf8') ?? '';
  if (!text.includes('The scratchvet Authors') || !text.includes('Neither the name of the copyright holder')) {
    throw new Error('the .vsix has no BSD-3-Clause LICENSE naming The scratchvet Authors');
  }
});

if (failures.length > 0) {
  console.log(`${failures.length} check(s) failed: the .vsix would not be published`);
  process.exit(1);
}
