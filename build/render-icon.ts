/**
 * Renders build/icons/icon.svg to build/icons/icon.png (1024×1024) with Debian's Chromium. electron-builder derives
 * the Windows .ico, macOS .icns and Linux sizes from that PNG. Run after changing the SVG:
 * `node --import tsx build/render-icon.ts`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const svg = await readFile(fileURLToPath(new URL('icons/icon.svg', import.meta.url)), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="1024" height="1024" ')}</body></html>`);
await page.screenshot({ path: fileURLToPath(new URL('icons/icon.png', import.meta.url)), omitBackground: true });
await browser.close();
