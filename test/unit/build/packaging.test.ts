/**
 * Packaging cannot run here (electron-builder downloads Electron's binaries), so this keeps what it would consume
 * valid: the electron-builder YAML passes electron-builder's own schema validator, the icons exist and are big enough,
 * package.json points at what the build writes, and the build writes it (into a temp dir, so a running app's out/ is
 * never swapped underneath it). The shell's type check against electron.d.ts is part of `npm run typecheck`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The package entry first: its modules import each other in a cycle that only resolves in this order.
import { AppInfo, LinuxPackager, Packager } from 'app-builder-lib';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_NAME } from '../../../electron/app-paths';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const BUILDER_YAML = path.join(REPO, 'build', 'electron-builder.yml');
// js-yaml comes with electron-builder and ships no types: only `load` is used.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
// espree (ESLint's parser) likewise: `parse` throws a SyntaxError on anything newer than `ecmaVersion`.
const espree = createRequire(import.meta.url)('espree') as { parse(code: string, options: { ecmaVersion: number; sourceType: 'module' }): unknown };

interface PackageJson {
  main: string;
  author: { name: string; email: string };
  homepage: string;
  productName: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}

interface BuilderConfig {
  productName: string;
  files: string[];
  extraMetadata: { main: string };
  directories: { buildResources: string };
  linux: { target: string[]; icon: string; maintainer: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The packages a bundle loads at run time (bare specifiers of import/require), by package name. */
function runtimePackages(code: string): Set<string> {
  const specifiers = [...code.matchAll(/\bfrom\s*["']([^"'\s]+)["']|\bimport\s*\(\s*["']([^"'\s]+)["']\s*\)|\brequire\(\s*["']([^"'\s]+)["']\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
  const bare = specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtinModules.includes(s));
  return new Set(bare.map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')));
}

/**
 * What electron-builder's deb target checks before it builds anything (maintainer, project URL), run by its own code
 * on a project directory: the real Packager reads package.json and the config as `npm run dist` would.
 */
async function debMetadata(projectDir: string, config: string | Record<string, unknown>): Promise<{ maintainer: string; url: string }> {
  const packager = new Packager({ projectDir, config });
  try {
    await packager.validateConfig();
    packager._appInfo = new AppInfo(packager, null);
    const linux = new LinuxPackager(packager);
    const deb = new FpmTarget('deb', linux, new LinuxTargetHelper(linux), path.join(projectDir, 'release'));
    return (await deb.checkOptions()) as { maintainer: string; url: string };
  } finally {
    await packager.tempDirManager.cleanup();
  }
}

describe('packaging configuration', () => {
  let pkg: PackageJson;
  let config: BuilderConfig;

  beforeAll(async () => {
    pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as PackageJson;
    config = yaml.load(await readFile(BUILDER_YAML, 'utf8')) as BuilderConfig;
  });

  it("passes electron-builder's own validator", async () => {
    await expect(validateConfiguration(structuredClone(config) as never, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator is real: it rejects an unknown option and a wrong type', async () => {
    await expect(validateConfiguration({ ...structuredClone(config), linx: {} } as never, new DebugLogger(false))).rejects.toThrow(/linx/);
    await expect(validateConfiguration({ ...structuredClone(config), asar: 'yes' } as never, new DebugLogger(false))).rejects.toThrow(/asar/);
  });

  it('targets AppImage + deb, NSIS and dmg, each with an icon that exists and is at least 512×512', async () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      const { width, height } = pngSize(await readFile(path.join(REPO, icon)));
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    }
    expect((await stat(path.join(REPO, config.directories.buildResources))).isDirectory()).toBe(true);
    expect((await readFile(path.join(REPO, 'build', 'icons', 'icon.svg'), 'utf8')).trimStart()).toMatch(/^<svg\b/);
  });

  it('package.json main is the esbuild output, packed by the files list, under one product name', () => {
    expect(pkg.main).toBe('out/main/main.js');
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
    // Electron derives userData from the product name; the CLI computes the same directory from APP_NAME.
    expect(config.productName).toBe(pkg.productName);
    expect(pkg.productName).toBe(APP_NAME);
    expect(pkg.scripts.dist).toBe('npm run -s build && electron-builder --config build/electron-builder.yml');
  });
});

describe('the deb target', () => {
  it('has the maintainer and homepage electron-builder requires for it', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as PackageJson;
    const config = yaml.load(await readFile(BUILDER_YAML, 'utf8')) as BuilderConfig;
    expect(pkg.author.name).toBe('OSS Live Companion contributors');
    expect(pkg.author.email).toMatch(/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/);
    expect(config.linux.maintainer).toBe(`${pkg.author.name} <${pkg.author.email}>`);
    expect(pkg.homepage).toMatch(/^https:\/\/\S+$/);
    await expect(debMetadata(REPO, BUILDER_YAML)).resolves.toMatchObject({ maintainer: config.linux.maintainer, url: pkg.homepage });
  });

  it('the check is real: without them electron-builder refuses to build the deb', async () => {
    const bare = await mkdtemp(path.join(tmpdir(), 'oss-live-deb-'));
    try {
      await writeFile(path.join(bare, 'package.json'), JSON.stringify({ name: 'bare-app', version: '1.0.0', main: 'main.js' }));
      const config = yaml.load(await readFile(BUILDER_YAML, 'utf8')) as BuilderConfig;
      const { maintainer: _maintainer, ...linux } = config.linux;
      await expect(debMetadata(bare, { ...config, linux })).rejects.toThrow(/homepage[\s\S]*author 'email'/);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});

describe('npm run build (into a temp dir)', () => {
  let out = '';
  let pkg: PackageJson;

  beforeAll(async () => {
    pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as PackageJson;
    // The same two steps as `npm run build`, with the output directory redirected.
    expect(pkg.scripts.build).toBe('npm run -s build:renderer && node --import tsx build/build-shell.ts');
    expect(pkg.scripts['build:renderer']).toBe('vite build --config renderer/vite.config.ts');
    out = await mkdtemp(path.join(tmpdir(), 'oss-live-build-'));
    const vite = path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
    await run(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', path.join(out, 'renderer'), '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO,
      timeout: 60_000,
    });
    await run(process.execPath, ['--import', 'tsx', 'build/build-shell.ts', out], { cwd: REPO, timeout: 60_000 });
  }, 120_000);

  afterAll(() => rm(out, { recursive: true, force: true }));

  it('writes the main process where package.json main points, as an ES module', async () => {
    const main = await readFile(path.join(out, path.relative('out', pkg.main)), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).not.toMatch(/\brequire\(/);
  });

  it('loads only dependencies the packaged app ships (not devDependencies)', async () => {
    const main = await readFile(path.join(out, 'main', 'main.js'), 'utf8');
    const missing = [...runtimePackages(main)].filter((name) => name !== 'electron' && !Object.hasOwn(pkg.dependencies, name));
    expect(missing).toEqual([]);
  });

  it('writes a CommonJS preload that needs nothing but electron (sandboxed preloads get no Node)', async () => {
    const preload = await readFile(path.join(out, 'preload', 'preload.cjs'), 'utf8');
    expect([...runtimePackages(preload)]).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s/);
    expect(preload).toContain('ossLiveBridge');
  });

  it('writes a renderer the oldest OBS dock browser runs (OBS 28: CEF 95)', async () => {
    const assets = path.join(out, 'renderer', 'assets');
    const files = await readdir(assets);
    // Chrome 95 parses ES2022 (class fields, private methods, static blocks); nothing newer may reach it.
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      const code = await readFile(path.join(assets, file), 'utf8');
      expect(() => espree.parse(code, { ecmaVersion: 2022, sourceType: 'module' }), file).not.toThrow();
    }
    // Media query ranges, `(width <= 760px)`, came in Chrome 104: the layout must use min-/max-width instead.
    const css = files.filter((name) => name.endsWith('.css'));
    expect(css.length).toBeGreaterThan(0);
    for (const file of css) {
      const text = await readFile(path.join(assets, file), 'utf8');
      expect(text).toMatch(/@media\s*\((?:min|max)-width/);
      expect(text).not.toMatch(/\((?:width|height)\s*[<>]/);
    }
  }, 60_000);

  it('writes the renderer: index.html whose relative scripts and styles all exist', async () => {
    const html = await readFile(path.join(out, 'renderer', 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    const files = await readdir(path.join(out, 'renderer', 'assets'));
    for (const asset of assets) expect(files).toContain(path.basename(asset));
    // Relative URLs: the same build works under app://renderer/ and under browser mode's http://127.0.0.1:PORT/.
    expect(html).not.toMatch(/(?:src|href)="\/(?!\/)/);
  });
});
